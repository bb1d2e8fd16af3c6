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

/** Every member operation is documented: operationId, summary, tag, its error responses, schemas with examples. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class MemberOpenApiTest {

    private static final List<String> MINE = List.of("/api/membership/members", "/api/membership/applications",
            "/api/membership/transfers", "/api/membership/join-policies", "/api/membership/identity-audit",
            "/api/membership/me");

    @Test
    void everyOperationHasIdSummaryTagAndErrorResponses() {
        OpenApiDocument doc = OpenApiDocument.served();
        List<OpenApiDocument.Operation> mine = doc.operations(MINE.toArray(String[]::new));
        assertThat(OpenApiDocument.undocumented(mine)).isEmpty();
        assertThat(mine).hasSizeGreaterThanOrEqualTo(25);

        JsonNode schemas = doc.schemas();
        for (String name : List.of("NewMember", "Member", "Application", "Transfer", "NewJoinPolicy", "Identity")) {
            assertThat(schemas.has(name)).as(name).isTrue();
        }
        assertThat(schemas.get("NewMember").get("properties").get("idNumber").toString()).contains("110105199003071239");
        assertThat(schemas.get("Member").get("properties").get("idNumberMasked").toString()).contains("110105********1239");
    }

    @Test
    void partnerOperationsAdmitOnlyPartnerRolesAndAdmin() {
        OpenApiDocument document = OpenApiDocument.served();
        assertThat(document.partnerOperations()).isNotEmpty();
        assertThat(document.partnerOperationsAdmittingOthers()).isEmpty();
    }
}
