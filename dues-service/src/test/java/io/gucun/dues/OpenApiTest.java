package io.gucun.dues;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every dues operation is documented: a unique operationId, a summary, a tag and at least one response. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class OpenApiTest {

    @Test
    void everyOperationHasAnIdASummaryAndATag() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        var paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            var methods = path.getValue().fields();
            while (methods.hasNext()) {
                var m = methods.next();
                if (!List.of("get", "post", "put", "delete", "patch").contains(m.getKey())) {
                    continue;
                }
                JsonNode op = m.getValue();
                String where = m.getKey().toUpperCase() + " " + path.getKey();
                if (!op.hasNonNull("operationId") || !ids.add(op.get("operationId").asText())) {
                    problems.add(where + ": missing or repeated operationId");
                }
                if (!op.hasNonNull("summary")) {
                    problems.add(where + ": no summary");
                }
                if (!op.has("tags") || op.get("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                if (!op.has("responses") || op.get("responses").isEmpty()) {
                    problems.add(where + ": no responses");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(ids).contains("importCollections", "previewRebate", "runRebate",
                "getTransparencySummary", "getTrialBalance", "reverseJournalEntry", "getBenefitRatio");
    }
}
