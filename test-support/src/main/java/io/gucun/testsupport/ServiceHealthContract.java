package io.gucun.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every service shows once started on its own database: ready after its schema is migrated, its OpenAPI
 * document served, and unknown paths answered as problems. A service's test extends it with {@code @QuarkusTest} and
 * its test resource.
 */
public abstract class ServiceHealthContract {

    /** The title of the service's OpenAPI document, e.g. "Rights API". */
    protected abstract String apiTitle();

    /** The prefix of the service's REST API, e.g. "/api/rights". */
    protected abstract String apiPath();

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
                .then().statusCode(200).body("info.title", equalTo(apiTitle()));
    }

    @Test
    void unknownPathsAreProblems() {
        given().when().get(apiPath() + "/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
