package io.gucun.common.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** The org and enterprise replicas (every service's membership.org/enterprise consumer) read only published fields. */
class ReplicaContractsTest {

    @Test
    void theOrgReplicaReadsOnlyWhatMembershipPublishes() {
        assertThat(PublishedContracts.problems("org replica", new OrgReplica().events())).isEmpty();
    }

    @Test
    void theEnterpriseReplicaReadsOnlyWhatMembershipPublishes() {
        assertThat(PublishedContracts.problems("enterprise replica", new EnterpriseReplica().events())).isEmpty();
    }
}
