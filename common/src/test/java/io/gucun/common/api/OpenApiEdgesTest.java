package io.gucun.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.problem.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class OpenApiEdgesTest {

    private static Operation secured(String... roles) {
        return OASFactory.createOperation().operationId("getOrg").summary("Read one organization")
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer", List.of(roles))))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The organization"))
                        // As Quarkus adds them for @RolesAllowed: a description and no body.
                        .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized")));
    }

    private static OpenAPI document(Operation secured, Operation open) {
        return OASFactory.createOpenAPI()
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")))
                .components(OASFactory.createComponents()
                        .addSecurityScheme("bearer", OASFactory.createSecurityScheme().scheme("bearer"))
                        .addSecurityScheme("SecurityScheme", OASFactory.createSecurityScheme().openIdConnectUrl("x")))
                .paths(OASFactory.createPaths()
                        .addPathItem("/orgs/{id}", OASFactory.createPathItem().GET(secured))
                        .addPathItem("/public/summary", OASFactory.createPathItem().GET(open)));
    }

    @Test
    void rolesLeaveTheSecurityRequirementForAnExtensionAndTheDescription() {
        Operation op = secured("admin", "officer");
        new OpenApiEdges().filterOpenAPI(document(op, OASFactory.createOperation().security(List.of())));

        assertThat(op.getSecurity()).hasSize(1);
        assertThat(op.getSecurity().getFirst().getSchemes()).isEqualTo(Map.of("bearer", List.of()));
        assertThat(op.getExtensions()).containsEntry("x-roles", List.of("admin", "officer"));
        assertThat(op.getDescription()).isEqualTo("Roles: admin, officer.");
    }

    @Test
    void securedOperationsDocumentTheirRefusalsAsProblems() {
        Operation op = secured("admin");
        Operation open = OASFactory.createOperation().security(List.of())
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
        new OpenApiEdges().filterOpenAPI(document(op, open));

        for (String status : List.of("401", "403")) {
            APIResponse refusal = op.getResponses().getAPIResponse(status);
            assertThat(refusal.getDescription()).contains("urn:gucun:problem:");
            assertThat(refusal.getContent().getMediaType(Problem.MEDIA_TYPE).getSchema().getRef())
                    .isEqualTo("#/components/schemas/Problem");
        }
        // security: [] says no token is needed: nothing to refuse, nothing added.
        assertThat(open.getResponses().getAPIResponses()).containsOnlyKeys("200");
        assertThat(open.getExtensions()).isNullOrEmpty();
    }

    @Test
    void aRefusalTheResourceDescribedItselfKeepsItsWords() {
        Operation op = secured("officer");
        op.getResponses().addAPIResponse("403", OASFactory.createAPIResponse().description("The parent is outside your scope"));
        new OpenApiEdges().filterOpenAPI(document(op, OASFactory.createOperation()));

        assertThat(op.getResponses().getAPIResponse("403").getDescription()).isEqualTo("The parent is outside your scope");
        assertThat(op.getResponses().getAPIResponse("403").getContent().getMediaType(Problem.MEDIA_TYPE)).isNotNull();
    }

    @Test
    void anOperationWithoutItsOwnRequirementInheritsTheDocumentsAndIsSecured() {
        Operation inherits = OASFactory.createOperation().operationId("listThings");
        OpenAPI doc = document(inherits, OASFactory.createOperation().security(List.of()));
        new OpenApiEdges().filterOpenAPI(doc);

        assertThat(inherits.getResponses().getAPIResponses()).containsKeys("401", "403");
        assertThat(inherits.getExtensions()).isNullOrEmpty();
        // The OpenID Connect scheme nothing refers to is gone; the one in use stays.
        assertThat(doc.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer");
    }
}
