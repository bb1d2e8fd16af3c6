package io.gucun.outreach.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** outreach's membership.member.v1 consumer reads only fields membership publishes (docs/events/asyncapi.json). */
class MemberEventsContractTest {

    @Test
    void theJoinedMemberConsumerReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(MembershipEventConsumer.MEMBER_CONSUMER,
                new MembershipEventConsumer().memberEvents())).isEmpty();
    }
}
