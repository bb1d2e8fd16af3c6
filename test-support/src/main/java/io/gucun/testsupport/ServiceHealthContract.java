package io.gucun.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service shows once started on its own database: ready after its schema is migrated, its OpenAPI
 * document served under its configured title, and unknown paths below its REST prefix answered as problems. A
 * service's test extends it with {@code @QuarkusTest} and its test resource; the rest comes from its configuration.
 */
public abstract class ServiceHealthContract {

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

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
                .then().statusCode(200).body("info.title", equalTo(config("quarkus.smallrye-openapi.info-title")));
    }

    @Test
    void unknownPathsAreProblems() {
        given().when().get(config("quarkus.rest.path") + "/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
