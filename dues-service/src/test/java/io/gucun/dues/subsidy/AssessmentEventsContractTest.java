package io.gucun.dues.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** dues' membership.assessment.v1 consumer reads only fields membership publishes (docs/events/asyncapi.json). */
class AssessmentEventsContractTest {

    @Test
    void theChairAllowanceConsumerReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(MembershipAssessmentConsumer.CONSUMER,
                new MembershipAssessmentConsumer().events())).isEmpty();
    }
}
