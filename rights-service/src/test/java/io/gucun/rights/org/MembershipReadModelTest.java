package io.gucun.rights.org;

import io.gucun.common.replica.KnownEnterprise;
import io.gucun.common.replica.KnownOrg;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.membership.OrgKind;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.MembershipFeed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** membership's org and enterprise events, delivered at least once, keep the local read models right. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
class MembershipReadModelTest {

    private static KnownOrg org(long id) {
        return QuarkusTransaction.requiringNew().call(() -> KnownOrg.<KnownOrg>findById(id));
    }

    private static KnownEnterprise enterprise(long id) {
        return QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.<KnownEnterprise>findById(id));
    }

    @Test
    void aRedeliveredRenameAppliesOnceAndMovesRewriteOrgAndEnterprisePaths() {
        var t = MembershipFeed.tree();
        String renameId = UUID.randomUUID().toString();
        String rename = "{\"orgId\":" + t.townId() + ",\"oldName\":\"顾村镇总工会\",\"newName\":\"顾村镇工会联合会\"}";
        MembershipFeed.send("membership.org.v1", String.valueOf(t.townId()), renameId, "io.gucun.membership.OrgRenamed", rename);
        MembershipFeed.await(() -> "顾村镇工会联合会".equals(org(t.townId()).name));
        // A later rename, then the first one redelivered: the redelivery must not win.
        MembershipFeed.send("membership.org.v1", String.valueOf(t.townId()), UUID.randomUUID().toString(),
                "io.gucun.membership.OrgRenamed", "{\"orgId\":" + t.townId() + ",\"newName\":\"顾村镇总工会（新）\"}");
        MembershipFeed.await(() -> "顾村镇总工会（新）".equals(org(t.townId()).name));
        MembershipFeed.send("membership.org.v1", String.valueOf(t.townId()), renameId, "io.gucun.membership.OrgRenamed", rename);

        String otherDistrict = MembershipFeed.org("1", "DISTRICT", "嘉定区总工会");
        String newTownPath = otherDistrict + "." + t.townId();
        MembershipFeed.send("membership.org.v1", String.valueOf(t.townId()), UUID.randomUUID().toString(),
                "io.gucun.membership.OrgMoved", "{\"orgId\":" + t.townId() + ",\"oldParentId\":" + t.districtId()
                        + ",\"newParentId\":" + MembershipFeed.idOf(otherDistrict) + ",\"oldPath\":\"" + t.town()
                        + "\",\"newPath\":\"" + newTownPath + "\",\"subtreeSize\":3}");
        MembershipFeed.await(() -> org(t.enterpriseUnionId()).path.startsWith(newTownPath + "."));
        assertThat(org(t.parkId()).path).isEqualTo(newTownPath + "." + t.parkId());
        assertThat(org(t.townId()).parentId).isEqualTo(MembershipFeed.idOf(otherDistrict));
        assertThat(enterprise(t.enterpriseId()).orgPath).isEqualTo(newTownPath + "." + t.parkId());
        assertThat(org(t.townId()).name).isEqualTo("顾村镇总工会（新）");
    }

    @Test
    void closedOrgsAndFoundedUnionsAreRecorded() {
        var t = MembershipFeed.tree();
        MembershipFeed.send("membership.org.v1", String.valueOf(t.enterpriseUnionId()), UUID.randomUUID().toString(),
                "io.gucun.membership.OrgClosed", "{\"orgId\":" + t.enterpriseUnionId() + ",\"closedAt\":\"2026-06-30T09:00:00Z\"}");
        MembershipFeed.await(() -> org(t.enterpriseUnionId()).isClosed());

        MembershipFeed.send("membership.enterprise.v1", String.valueOf(t.enterpriseId()), UUID.randomUUID().toString(),
                "io.gucun.membership.UnionFounded", "{\"enterpriseId\":" + t.enterpriseId() + ",\"creditCode\":\""
                        + t.creditCode() + "\",\"unionOrgId\":" + t.enterpriseUnionId() + ",\"foundedAt\":\"2026-05-01T02:00:00Z\"}");
        MembershipFeed.await(() -> enterprise(t.enterpriseId()).unionOrgId != null);
        assertThat(enterprise(t.enterpriseId()).unionFoundedAt.toInstant().toString()).isEqualTo("2026-05-01T02:00:00Z");
        assertThat(enterprise(t.enterpriseId()).creditCode).isEqualTo(t.creditCode());
    }

    @Test
    void unknownEventTypesAreSkippedAndTheConsumerKeepsGoing() {
        MembershipFeed.send("membership.org.v1", "5", UUID.randomUUID().toString(), "io.gucun.membership.OrgSomethingNew", "{\"orgId\":5}");
        String after = MembershipFeed.org("1", "PROVINCE", "天津市总工会");
        assertThat(org(MembershipFeed.idOf(after)).kind).isEqualTo(OrgKind.PROVINCE);
    }
}
