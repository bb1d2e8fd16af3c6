package io.gucun.membership.member;

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

/** Every card, benefit and redemption operation is documented: operationId, summary, tag, error responses, schemas with examples. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class CardOpenApiTest {

    private static final List<String> MINE = List.of("/api/membership/cards", "/api/membership/benefits",
            "/api/membership/members/{id}/cards", "/api/membership/me/card", "/api/membership/me/benefits",
            "/api/membership/me/redemptions");

    @Test
    void everyOperationHasIdSummaryTagAndErrorResponses() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int operations = 0;
        var paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            if (MINE.stream().noneMatch(path.getKey()::startsWith)) {
                continue;
            }
            var methods = path.getValue().fields();
            while (methods.hasNext()) {
                var m = methods.next();
                if (!List.of("get", "post", "put", "delete", "patch").contains(m.getKey())) {
                    continue;
                }
                operations++;
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
                boolean hasError = false;
                var codes = op.get("responses").fieldNames();
                while (codes.hasNext()) {
                    hasError |= codes.next().startsWith("4");
                }
                if (!hasError) {
                    problems.add(where + ": no documented error response");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(operations).isGreaterThanOrEqualTo(17);

        JsonNode schemas = doc.get("components").get("schemas");
        for (String name : List.of("ServiceCard", "CardStatusChange", "NewBenefit", "Benefit", "NewRedemption", "Redemption")) {
            assertThat(schemas.has(name)).as(name).isTrue();
        }
        assertThat(schemas.get("ServiceCard").get("properties").get("maskedNumber").toString()).contains("6210 **** **** ***0171");
        assertThat(schemas.get("BenefitKind").toString()).contains("MERCHANT").contains("SPECIAL");
        assertThat(schemas.get("NewBenefit").get("properties").get("title").toString()).contains("新就业形态劳动者夏季送清凉");
    }
}
