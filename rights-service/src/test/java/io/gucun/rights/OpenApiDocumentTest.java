package io.gucun.rights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation of the console names itself, says what it does and documents its error responses. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAnIdASummaryAndItsErrors() {
        Map<String, Map<String, Map<String, Object>>> paths = given().when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> missing = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        paths.forEach((path, ops) -> ops.forEach((method, op) -> {
            if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            if (op.get("operationId") == null || op.get("summary") == null) {
                missing.add(name + ": operationId/summary");
            }
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            if (responses == null || !responses.containsKey("401")) {
                missing.add(name + ": 401");
            }
            ids.add(String.valueOf(op.get("operationId")));
        }));
        assertThat(missing).isEmpty();
        assertThat(ids).doesNotHaveDuplicates().contains("reportCase", "takeOverCase", "escalateCase", "issueSupervisionNotice",
                "listBlacklistChanges", "runBlacklistCheck", "delistEnterprise", "assignLawyer", "referCase", "reportCases");
        assertThat(paths).containsKey("/api/rights/cases/{id}/take-over");
    }
}
