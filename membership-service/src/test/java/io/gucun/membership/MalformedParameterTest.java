package io.gucun.membership;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's edges as a client meets them: a path or query value that is not of the parameter's type is a 400 problem
 * naming the parameter (Quarkus REST alone would say 404, naming nothing), and the served OpenAPI document carries
 * the shared security edges (common ParameterCheck and OpenApiEdges).
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class MalformedParameterTest {

    private static final String BASE = "/api/membership";

    @BeforeEach
    void asAdmin() {
        ActingAs.admin();
    }

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void aQueryValueOfTheWrongTypeIsA400NamingIt() {
        given().when().get(BASE + "/members?page=x").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:validation"))
                .body("errors.field", contains("page"))
                .body("errors.message", contains("must be a whole number"));
        given().when().get(BASE + "/enterprises?hasUnion=yes&under=abc").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("under", "hasUnion"));
    }

    @Test
    void aNonNumericPathIdIsA400NamingIt() {
        given().when().get(BASE + "/orgs/abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("id"))
                .body("detail", equalTo("id must be a whole number"));
        // Path and query together: every malformed parameter is named at once.
        given().when().get(BASE + "/orgs/abc/children?page=x").then().statusCode(400)
                .body("errors.field", contains("id", "page"));
        // Well-formed values still reach the resource: an unknown id is the resource's own 404.
        given().when().get(BASE + "/orgs/999999999").then().statusCode(404).body("type", equalTo("urn:gucun:problem:not-found"));
    }

    @Test
    void theDocumentListsNoRolesAsScopesAndDocumentsTheRefusals() {
        String getOrg = "paths.'/api/membership/orgs/{id}'.get";
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(getOrg + ".security", contains(java.util.Map.of("bearer", java.util.List.of())))
                .body(getOrg + ".x-roles", contains("admin", "officer"))
                .body(getOrg + ".responses.'401'.content", hasKey("application/problem+json"))
                .body(getOrg + ".responses.'403'.content", hasKey("application/problem+json"))
                .body("components.securitySchemes", not(hasKey("SecurityScheme")));
    }
}
