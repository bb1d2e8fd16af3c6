package io.gucun.dues.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** dues' membership.member.v1 consumer reads only fields membership publishes (docs/events/asyncapi.json). */
class MemberEventsContractTest {

    @Test
    void theSubsidyConsumerReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(MembershipMemberConsumer.CONSUMER, new MembershipMemberConsumer().events())).isEmpty();
    }
}
