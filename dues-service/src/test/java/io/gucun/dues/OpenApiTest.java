package io.gucun.dues;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.OpenApiDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every dues operation is documented: a unique operationId, a summary, a tag and its error responses. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class OpenApiTest {

    @Test
    void everyOperationHasAnIdASummaryATagAndItsErrors() {
        var operations = OpenApiDocument.served().operations();
        assertThat(OpenApiDocument.undocumented(operations)).isEmpty();
        assertThat(operations).extracting(o -> o.op().path("operationId").asText()).contains("importCollections", "previewRebate",
                "runRebate", "getTransparencySummary", "getTrialBalance", "reverseJournalEntry", "getBenefitRatio");
    }

    @Test
    void partnerOperationsAdmitOnlyPartnerRolesAndAdmin() {
        OpenApiDocument document = OpenApiDocument.served();
        assertThat(document.partnerOperations()).isNotEmpty();
        assertThat(document.partnerOperationsAdmittingOthers()).isEmpty();
    }
}
