package io.gucun.outreach.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** outreach's membership.appointment.v1 consumer reads only fields membership publishes (docs/events/asyncapi.json). */
class AppointmentEventsContractTest {

    @Test
    void theUnionWorkerReplicaReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(UnionWorkers.CONSUMER, new UnionWorkers().events())).isEmpty();
    }
}
