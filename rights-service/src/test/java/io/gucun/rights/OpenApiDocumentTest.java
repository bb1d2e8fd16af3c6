package io.gucun.rights;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.OpenApiDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the console names itself, says what it does and documents its error responses. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
class OpenApiDocumentTest {

    @Test
    void everyOperationHasAnIdASummaryAndItsErrors() {
        var operations = OpenApiDocument.served().operations();
        assertThat(OpenApiDocument.undocumented(operations)).isEmpty();
        assertThat(operations).filteredOn(o -> !o.op().path("responses").has("401"))
                .extracting(o -> o.method() + " " + o.path()).as("operations without a documented 401").isEmpty();
        assertThat(operations).extracting(o -> o.op().path("operationId").asText()).contains("reportCase", "takeOverCase",
                "escalateCase", "issueSupervisionNotice", "listBlacklistChanges", "runBlacklistCheck", "delistEnterprise",
                "assignLawyer", "referCase", "reportCases");
        assertThat(operations).extracting(OpenApiDocument.Operation::path).contains("/api/rights/cases/{id}/take-over");
    }

    @Test
    void partnerOperationsAdmitOnlyPartnerRolesAndAdmin() {
        OpenApiDocument document = OpenApiDocument.served();
        assertThat(document.partnerOperations()).isNotEmpty();
        assertThat(document.partnerOperationsAdmittingOthers()).isEmpty();
    }
}
