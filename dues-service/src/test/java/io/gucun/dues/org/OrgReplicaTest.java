package io.gucun.dues.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.replica.EnterpriseReplica;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.replica.OrgReplica;
import io.gucun.dues.ledger.LedgerAccount;
import io.gucun.events.EventCatalog;
import io.gucun.events.membership.EnterpriseEvents.EnterpriseRegistered;
import io.gucun.events.membership.OrgEvents.OrgClosed;
import io.gucun.events.membership.OrgEvents.OrgCreated;
import io.gucun.events.membership.OrgEvents.OrgMoved;
import io.gucun.events.membership.OrgKind;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * common's org replica, as dues applies it: membership's records (event-contracts), serialized as the outbox does,
 * read back through the replica. A move rewrites the subtree's paths and the enterprises under it; a close is a time.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class OrgReplicaTest {

    @Inject
    OrgReplica orgs;

    @Inject
    EnterpriseReplica enterprises;

    @Inject
    ObjectMapper mapper;

    private void publish(io.gucun.common.inbox.EventReader reader, Record payload) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(),
                "io.gucun.membership." + EventCatalog.typeName(payload.getClass()), null, mapper.valueToTree(payload));
        QuarkusTransaction.requiringNew().run(() -> reader.apply("dues-test", event));
    }

    private static KnownOrg org(long id) {
        return QuarkusTransaction.requiringNew().call(() -> KnownOrg.<KnownOrg>findById(id));
    }

    private void created(long id, long parentId, String path, OrgKind kind) {
        publish(orgs.events(), new OrgCreated(id, parentId, path, kind + " " + id, kind, "310113", null, null));
    }

    @Test
    void aMoveRewritesTheSubtreeAndItsEnterprisesAndAClosedOrgKeepsItsTime() {
        created(5101, 1, "1.5101", OrgKind.DISTRICT);
        created(5102, 5101, "1.5101.5102", OrgKind.TOWN);
        created(5103, 5102, "1.5101.5102.5103", OrgKind.JOINT_AREA);
        created(5104, 1, "1.5104", OrgKind.DISTRICT);
        publish(enterprises.events(), new EnterpriseRegistered(5105, "91310113mA1GJ2Q97X", "上海某公司", 5103,
                "1.5101.5102.5103", 40, LocalDate.of(2020, 1, 1), "GRID-1"));
        // the ledger opens each new org's accounts on the replica's OrgCreatedSeen
        assertThat(QuarkusTransaction.requiringNew().call(() -> LedgerAccount.ofOrg(5103).size())).isPositive();

        publish(orgs.events(), new OrgMoved(5102, 5101L, 5104, "1.5101.5102", "1.5104.5102", 2));
        assertThat(org(5102).path).isEqualTo("1.5104.5102");
        assertThat(org(5102).parentId).isEqualTo(5104);
        assertThat(org(5103).path).isEqualTo("1.5104.5102.5103");
        assertThat(org(5101).path).isEqualTo("1.5101");
        KnownEnterprise moved = QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.<KnownEnterprise>findById(5105L));
        assertThat(moved.orgPath).isEqualTo("1.5104.5102.5103");
        assertThat(moved.creditCode).isEqualTo("91310113MA1GJ2Q97X");

        assertThat(org(5103).isClosed()).isFalse();
        OffsetDateTime closedAt = OffsetDateTime.parse("2026-06-30T09:00:00Z");
        publish(orgs.events(), new OrgClosed(5103, "1.5104.5102.5103", "park", OrgKind.JOINT_AREA, closedAt));
        assertThat(org(5103).isClosed()).isTrue();
        assertThat(org(5103).closedAt.toInstant()).isEqualTo(closedAt.toInstant());
        assertThat(org(5103).kind).isEqualTo(OrgKind.JOINT_AREA);
    }

    @Test
    void anEventVersionTheReplicaDoesNotKnowIsSkipped() {
        EventEnvelope v2 = new EventEnvelope(UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated.v2", null,
                mapper.valueToTree(new OrgCreated(5201, 1L, "1.5201", "v2", OrgKind.DISTRICT, null, null, null)));
        QuarkusTransaction.requiringNew().run(() -> orgs.events().apply("dues-test", v2));
        assertThat(org(5201)).isNull();
    }
}
