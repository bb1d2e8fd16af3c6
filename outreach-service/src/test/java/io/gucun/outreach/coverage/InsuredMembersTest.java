package io.gucun.outreach.coverage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.PartnerImports;
import io.gucun.outreach.TestTree;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Insured workers are matched against every member by the ID-number index membership publishes on its member events,
 * not only against members who signed up through outreach; leaving or lapsing moves them back; a key rotation keeps
 * the match (tests run with index version 2 current and 1 previous).
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class InsuredMembersTest {

    @Inject
    BlindIndexes indexes;

    @Inject
    EntityManager em;

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    /** A firm registered in the park with its own grid and {@code insured} workers in the bureau's file. */
    private record Firm(String creditCode, String grid, List<String> workers, String file) {
    }

    private static Firm insuredFirm(TestTree tree, int insured) {
        String creditCode = TestIds.creditCode();
        String grid = "IM-" + UUID.randomUUID().toString().substring(0, 8);
        long enterpriseId = MembershipFeed.nextId();
        MembershipFeed.enterpriseRegistered(enterpriseId, creditCode, tree.parkId(), tree.park(), insured, "2018-01-01", grid);
        MembershipFeed.await("registered", () -> QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.findById(enterpriseId) != null));
        List<String> workers = new ArrayList<>();
        StringBuilder file = new StringBuilder("person_id,employer_uscc,insured_since,status\n");
        for (int i = 0; i < insured; i++) {
            String id = TestIds.idNumber();
            workers.add(id);
            file.append(id).append(',').append(creditCode).append(",2022-01-01,ACTIVE\n");
        }
        PartnerImports.send("social-insurance", "partner-social-insurance", file.toString());
        return new Firm(creditCode, grid, workers, file.toString());
    }

    private String hash(String idNumber, int version) {
        return indexes.idNumber().version(version).hash(ResidentIdNumber.normalize(idNumber));
    }

    private void awaitIndexed(String what, List<Long> memberIds, int version, long expected) {
        MembershipFeed.await(what, () -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from member_id_hash where member_id in (:ids) and key_version = :v")
                .setParameter("ids", memberIds).setParameter("v", version).getSingleResult()).longValue() == expected));
    }

    private static JsonPath firm(TestTree tree, String creditCode) {
        JsonPath page = given().queryParam("orgId", tree.parkId()).queryParam("size", 100)
                .get("/api/outreach/coverage/enterprises").then().statusCode(200).extract().jsonPath();
        int i = page.getList("items.creditCode").indexOf(creditCode);
        assertThat(i).as(creditCode + " listed").isNotNegative();
        return new JsonPath(page.prettify()).setRootPath("items[" + i + "]");
    }

    private static JsonPath funnel(long orgId) {
        return given().queryParam("orgId", orgId).get("/api/outreach/coverage/funnel").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void membersRegisteredDirectlyInMembershipCountAmongTheirFirmsInsuredUntilTheyLeaveOrLapse() {
        TestTree tree = TestTree.create();
        Firm f = insuredFirm(tree, 30);
        // 15 of the insured workers join in membership directly (no outreach sign-up): 14 with the hash on MemberJoined,
        // one joined before events carried it and is published later by the admin's publishAll run
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long memberId = MembershipFeed.nextId();
            members.add(memberId);
            if (i < 14) {
                MembershipFeed.memberJoined(memberId, tree.parkId(), tree.park(), hash(f.workers().get(i), 2), 2);
            } else {
                MembershipFeed.memberJoined(memberId, tree.parkId(), tree.park(), "APPLICATION");
                MembershipFeed.memberIdNumberIndexed(memberId, hash(f.workers().get(i), 2), 2);
            }
        }
        awaitIndexed("members' hashes", members, 2, 15);

        Actors.officer("officer.district", tree.district());
        JsonPath firm = firm(tree, f.creditCode());
        assertThat(firm.getInt("insuredWorkers")).isEqualTo(30);
        assertThat(firm.getInt("insuredMembers")).isEqualTo(15);
        assertThat(firm.getInt("insuredNotMembers")).isEqualTo(15);
        assertThat(firm.getDouble("coverage")).isEqualTo(0.5);
        for (long org : List.of(tree.parkId(), tree.townId())) { // the org and its parent roll the firm up
            JsonPath funnel = funnel(org);
            assertThat(funnel.getInt("insuredWorkers")).as("org %d", org).isEqualTo(30);
            assertThat(funnel.getInt("members")).as("org %d", org).isEqualTo(15);
            assertThat(funnel.getInt("active")).as("org %d", org).isEqualTo(15);
        }
        JsonPath grids = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/grids").then().statusCode(200)
                .extract().jsonPath();
        int g = grids.getList("items.gridCode").indexOf(f.grid());
        assertThat(grids.getInt("items[" + g + "].insuredMembers")).isEqualTo(15);
        String heat = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/grids.svg").then().statusCode(200)
                .extract().asString();
        assertThat(heat).contains("data-grid=\"" + f.grid() + "\"").contains("15 / 30");
        String funnelSvg = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/funnel.svg").then()
                .statusCode(200).extract().asString();
        assertThat(funnelSvg).contains("data-stage=\"members\" data-value=\"15\"").contains("data-stage=\"active\" data-value=\"15\"");
        assertThat(f.workers()).noneMatch(heat::contains);

        // One leaves, two lapse: insured, ever members, no longer active
        Actors.nobody();
        MembershipFeed.memberLeft(members.get(0), tree.parkId(), "VOLUNTARY", hash(f.workers().get(0), 2), 2);
        MembershipFeed.memberLeft(members.get(1), tree.parkId(), "LAPSED", hash(f.workers().get(1), 2), 2);
        MembershipFeed.memberLeft(members.get(2), tree.parkId(), "LAPSED", hash(f.workers().get(2), 2), 2);
        Actors.officer("officer.district", tree.district());
        MembershipFeed.await("leaving counted", () -> firm(tree, f.creditCode()).getInt("insuredMembers") == 12);
        assertThat(firm(tree, f.creditCode()).getInt("insuredNotMembers")).isEqualTo(18);
        JsonPath after = funnel(tree.townId());
        assertThat(after.getInt("members")).isEqualTo(15);
        assertThat(after.getInt("active")).isEqualTo(12);
    }

    @Test
    void aKeyRotationKeepsTheMatchBeforeAndAfterTheBureausNextFile() {
        TestTree tree = TestTree.create();
        Firm f = insuredFirm(tree, 12);
        // As before the rotation: the bureau's file and the members' hashes under version 1
        QuarkusTransaction.requiringNew().run(() -> {
            for (String id : f.workers()) {
                em.createNativeQuery("update insured_person set id_hash = ?1, id_hash_version = 1 where id_hash = ?2")
                        .setParameter(1, hash(id, 1)).setParameter(2, hash(id, 2)).executeUpdate();
            }
        });
        List<Long> members = new ArrayList<>();
        for (String id : f.workers()) {
            long memberId = MembershipFeed.nextId();
            members.add(memberId);
            MembershipFeed.memberJoined(memberId, tree.parkId(), tree.park(), hash(id, 1), 1);
        }
        awaitIndexed("version 1 hashes", members, 1, 12);
        Actors.officer("officer.district", tree.district());
        assertThat(firm(tree, f.creditCode()).getInt("insuredMembers")).isEqualTo(12);

        // membership's re-hash job publishes each member's version 2 hash; the insured rows are still on version 1
        for (int i = 0; i < members.size(); i++) {
            MembershipFeed.memberIdNumberIndexed(members.get(i), hash(f.workers().get(i), 2), 2);
        }
        awaitIndexed("version 2 hashes", members, 2, 12);
        assertThat(firm(tree, f.creditCode()).getInt("insuredMembers")).as("matched under version 1 still").isEqualTo(12);

        // The bureau's next file moves the insured workers to version 2: matched under the new version
        PartnerImports.send("social-insurance", "partner-social-insurance", f.file());
        long onVersion1 = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from insured_person where employer_credit_code = ?1 and id_hash_version = 1")
                .setParameter(1, f.creditCode()).getSingleResult()).longValue());
        assertThat(onVersion1).isZero();
        Actors.officer("officer.district", tree.district());
        assertThat(firm(tree, f.creditCode()).getInt("insuredMembers")).as("matched under version 2").isEqualTo(12);
        JsonPath funnel = funnel(tree.parkId());
        assertThat(funnel.getInt("members")).isEqualTo(12);
        assertThat(funnel.getInt("active")).isEqualTo(12);
    }
}
