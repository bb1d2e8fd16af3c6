package io.gucun.rights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without a token nothing but health and the OpenAPI document answers: a 401 problem. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
class UnauthenticatedTest {

    @ParameterizedTest
    @ValueSource(strings = {"/cases", "/cases/1", "/cases/reminders"})
    void readsNeedAToken(String path) {
        given().when().get(Api.BASE + path).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:unauthorized"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cases", "/cases/1/take-over"})
    void writesNeedAToken(String path) {
        given().contentType(ContentType.JSON).body("{}").when().post(Api.BASE + path).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
