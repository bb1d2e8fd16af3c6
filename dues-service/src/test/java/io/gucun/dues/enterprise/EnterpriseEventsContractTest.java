package io.gucun.dues.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** What dues reads from membership.enterprise.v1 to reassign suspended money is published by membership. */
class EnterpriseEventsContractTest {

    @Test
    void theSuspenseReassignmentReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(MembershipEnterpriseConsumer.CONSUMER,
                new MembershipEnterpriseConsumer().suspenseEvents())).isEmpty();
    }
}
