package io.gucun.outreach;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service starts on its own PostgreSQL database, applies its schema and reports ready. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class OutreachServiceHealthTest {

    @Test
    void readyOnceTheSchemaIsMigrated() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database-schema"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200).body("info.title", equalTo("Outreach API"));
    }

    @Test
    void unknownPathsAreProblems() {
        given().when().get("/api/outreach/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
