package io.gucun.membership.org;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class OrgResourceTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1"))
    void adminCreatesAnOrgAndItsOrgCreatedEventReachesKafka() throws Exception {
        int id = given().contentType(ContentType.JSON)
                .body("{\"parentId\":1,\"name\":\"上海市总工会\",\"kind\":\"PROVINCE\",\"regionCode\":\"310000\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(201)
                .header("Location", containsString("/api/membership/orgs/"))
                .body("path", startsWith("1."))
                .body("kind", equalTo("PROVINCE"))
                .extract().path("id");

        given().when().get("/api/membership/orgs/" + id)
                .then().statusCode(200).body("name", equalTo("上海市总工会")).body("path", equalTo("1." + id));

        List<KafkaEvents.Received> events = KafkaEvents.read(
                "membership.org.v1", Duration.ofSeconds(20),
                got -> got.stream().anyMatch(e -> String.valueOf(id).equals(e.key())));
        KafkaEvents.Received created = events.stream().filter(e -> String.valueOf(id).equals(e.key())).findFirst().orElseThrow();
        assertThat(created.type()).isEqualTo("io.gucun.membership.OrgCreated");
        assertThat(created.subject()).isEqualTo(String.valueOf(id));
        assertThat(created.id()).isNotBlank();
        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.value());
        assertThat(data.get("path").asText()).isEqualTo("1." + id);
        assertThat(data.get("kind").asText()).isEqualTo("PROVINCE");
        assertThat(data.get("orgId").asLong()).isEqualTo(id);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1"))
    void badInputIsAProblemNamingEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":1,\"name\":\"\",\"kind\":\"PROVINCE\",\"regionCode\":\"31x\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("regionCode"));

        given().contentType(ContentType.JSON)
                .body("{\"parentId\":1,\"name\":\"x\",\"kind\":\"GALAXY\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("kind"));

        given().contentType(ContentType.JSON)
                .body("{\"parentId\":999999,\"name\":\"x\",\"kind\":\"PROVINCE\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(400)
                .body("errors.field", hasItem("parentId"));

        given().contentType(ContentType.JSON).body("{not json")
                .when().post("/api/membership/orgs")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1"))
    void aKindThatCannotSitUnderItsParentIsRejected() {
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":1,\"name\":\"不可能的全国\",\"kind\":\"NATIONAL\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(400).body("errors.field", hasItem("kind"));
    }

    @Test
    @TestSecurity(user = "officer.elsewhere", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.999"))
    void anOfficerCannotActOutsideTheirSubtree() {
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":1,\"name\":\"越权\",\"kind\":\"PROVINCE\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/membership/orgs/1").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "worker", roles = "member")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1"))
    void aMemberCannotCreateOrgs() {
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":1,\"name\":\"x\",\"kind\":\"PROVINCE\"}")
                .when().post("/api/membership/orgs")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void noTokenIsUnauthorized() {
        given().when().get("/api/membership/orgs/1")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
