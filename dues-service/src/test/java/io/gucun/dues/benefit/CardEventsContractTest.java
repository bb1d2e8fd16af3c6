package io.gucun.dues.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** dues' membership.card.v1 consumer reads only fields membership publishes (docs/events/asyncapi.json). */
class CardEventsContractTest {

    @Test
    void theBenefitSpendingConsumerReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(MembershipCardConsumer.CONSUMER, new MembershipCardConsumer().events())).isEmpty();
    }
}
