package io.gucun.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.OpenApiDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every card, benefit and redemption operation is documented: operationId, summary, tag, error responses, schemas with examples. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class CardOpenApiTest {

    private static final List<String> MINE = List.of("/api/membership/cards", "/api/membership/benefits",
            "/api/membership/members/{id}/cards", "/api/membership/me/card", "/api/membership/me/benefits",
            "/api/membership/me/redemptions");

    @Test
    void everyOperationHasIdSummaryTagAndErrorResponses() {
        OpenApiDocument doc = OpenApiDocument.served();
        List<OpenApiDocument.Operation> mine = doc.operations(MINE.toArray(String[]::new));
        assertThat(OpenApiDocument.undocumented(mine)).isEmpty();
        assertThat(mine).hasSizeGreaterThanOrEqualTo(17);

        JsonNode schemas = doc.schemas();
        for (String name : List.of("ServiceCard", "CardStatusChange", "NewBenefit", "Benefit", "NewRedemption", "Redemption")) {
            assertThat(schemas.has(name)).as(name).isTrue();
        }
        assertThat(schemas.get("ServiceCard").get("properties").get("maskedNumber").toString()).contains("6210 **** **** ***0171");
        assertThat(schemas.get("BenefitKind").toString()).contains("MERCHANT").contains("SPECIAL");
        assertThat(schemas.get("NewBenefit").get("properties").get("title").toString()).contains("新就业形态劳动者夏季送清凉");
    }
}
