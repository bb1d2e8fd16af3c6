package io.gucun.dues.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** membership's OrgCreated, delivered at least once by Kafka, opens the org's accounts exactly once. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class OrgAccountsTest {

    private static void send(String key, String id, String type, String data) {
        KafkaEvents.send("membership.org.v1", key, id, type, data);
    }


    static final int PURPOSES = AccountPurpose.values().length;

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1"))
    void aRedeliveredOrgCreatedOpensTheAccountsOnce() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String data = "{\"orgId\":77,\"parentId\":1,\"path\":\"1.77\",\"name\":\"北京市总工会\",\"kind\":\"PROVINCE\",\"futureField\":true}";
        send("77", eventId, "io.gucun.membership.OrgCreated", data);
        send("77", eventId, "io.gucun.membership.OrgCreated", data);

        awaitAccounts(77, PURPOSES);
        // Let the redelivery be processed too, then check nothing doubled.
        send("78", UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated",
                "{\"orgId\":78,\"parentId\":77,\"path\":\"1.77.78\",\"name\":\"东城区总工会\",\"kind\":\"DISTRICT\"}");
        awaitAccounts(78, PURPOSES);
        given().when().get("/api/dues/orgs/77/accounts")
                .then().statusCode(200).body("size()", equalTo(PURPOSES))
                .body("purpose", hasItems("COLLECTED_FUNDS", "GRASSROOTS_SHARE", "PREPARATORY_FUND"))
                .body("currency", hasItems("CNY"));
    }

    @Test
    @TestSecurity(user = "officer.beijing", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.2"))
    void anOfficerSeesNoAccountsOutsideTheirScope() {
        given().when().get("/api/dues/orgs/1/accounts")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "officer.target", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.92"))
    void aMovedOrgTakesItsSubtreeAlongIntoTheNewParentsScope() throws Exception {
        send("90", UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated",
                "{\"orgId\":90,\"parentId\":1,\"path\":\"1.90\",\"name\":\"甲区总工会\",\"kind\":\"DISTRICT\"}");
        send("91", UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated",
                "{\"orgId\":91,\"parentId\":90,\"path\":\"1.90.91\",\"name\":\"甲镇总工会\",\"kind\":\"TOWN\"}");
        send("92", UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated",
                "{\"orgId\":92,\"parentId\":1,\"path\":\"1.92\",\"name\":\"乙市总工会\",\"kind\":\"CITY\"}");
        awaitAccountsInDb(91, PURPOSES);
        awaitAccountsInDb(92, PURPOSES);
        given().when().get("/api/dues/orgs/91/accounts").then().statusCode(404);

        send("90", UUID.randomUUID().toString(), "io.gucun.membership.OrgMoved",
                "{\"orgId\":90,\"oldParentId\":1,\"newParentId\":92,\"oldPath\":\"1.90\",\"newPath\":\"1.92.90\",\"subtreeSize\":2}");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String path = null;
        while (System.nanoTime() < deadline) {
            path = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                    io.gucun.common.replica.KnownOrg.<io.gucun.common.replica.KnownOrg>findById(91L).path);
            if ("1.92.90.91".equals(path)) {
                break;
            }
            Thread.sleep(100);
        }
        org.assertj.core.api.Assertions.assertThat(path).isEqualTo("1.92.90.91");
        given().when().get("/api/dues/orgs/91/accounts").then().statusCode(200).body("size()", equalTo(PURPOSES));
    }

    @Test
    void anUnknownEventTypeIsSkippedAndTheConsumerKeepsGoing() throws Exception {
        send("79", UUID.randomUUID().toString(), "io.gucun.membership.OrgRenamed", "{\"orgId\":79}");
        send("80", UUID.randomUUID().toString(), "io.gucun.membership.OrgCreated",
                "{\"orgId\":80,\"parentId\":1,\"path\":\"1.80\",\"name\":\"天津市总工会\",\"kind\":\"PROVINCE\"}");
        awaitAccountsInDb(80, PURPOSES);
    }

    private static void awaitAccounts(long orgId, int expected) throws InterruptedException {
        awaitAccountsInDb(orgId, expected);
    }

    private static void awaitAccountsInDb(long orgId, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long n = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> LedgerAccount.count("orgId", orgId));
            if (n >= expected) {
                org.assertj.core.api.Assertions.assertThat(n).isEqualTo(expected);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("accounts of org " + orgId + " not opened within 30 s");
    }
}
