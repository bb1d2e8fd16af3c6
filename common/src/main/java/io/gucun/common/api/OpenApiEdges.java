package io.gucun.common.api;

import io.gucun.common.problem.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The edges every service's OpenAPI document shares, written once (registered with {@code mp.openapi.filter}):
 * <ul>
 * <li>Quarkus lists an operation's {@code @RolesAllowed} roles as scopes of its security requirement; the bearer
 * scheme has no scopes (a role is a claim of the token, not an OAuth scope a client asks for), so the requirement
 * names the scheme alone and the roles move to {@code x-roles} and a line of the description.</li>
 * <li>Every secured operation documents its 401 and 403 as problem+json, the body the services really send.</li>
 * <li>A security scheme no operation uses (the OpenID Connect scheme Quarkus adds on its own) is dropped.</li>
 * </ul>
 */
public class OpenApiEdges implements OASFilter {

    static final String ROLES_EXTENSION = "x-roles";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        List<SecurityRequirement> global = openAPI.getSecurity() == null ? List.of() : openAPI.getSecurity();
        Set<String> used = new HashSet<>(schemesOf(global));
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                List<String> roles = liftRoles(operation);
                List<SecurityRequirement> effective = operation.getSecurity() != null ? operation.getSecurity() : global;
                used.addAll(schemesOf(effective));
                if (schemesOf(effective).isEmpty()) {
                    continue;
                }
                if (!roles.isEmpty()) {
                    operation.addExtension(ROLES_EXTENSION, roles);
                    String line = "Roles: " + String.join(", ", roles) + ".";
                    operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank()
                            ? line : operation.getDescription() + "\n\n" + line);
                }
                documentRefusals(operation);
            }
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSecuritySchemes() != null) {
            for (String name : List.copyOf(openAPI.getComponents().getSecuritySchemes().keySet())) {
                if (!used.contains(name)) {
                    openAPI.getComponents().removeSecurityScheme(name);
                }
            }
        }
    }

    /** Replaces each requirement's scopes by none and returns the roles they listed, in order, once each. */
    static List<String> liftRoles(Operation operation) {
        if (operation.getSecurity() == null) {
            return List.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> scopeless = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement bare = OASFactory.createSecurityRequirement();
            if (requirement.getSchemes() != null) {
                for (Map.Entry<String, List<String>> scheme : requirement.getSchemes().entrySet()) {
                    if (scheme.getValue() != null) {
                        roles.addAll(scheme.getValue());
                    }
                    bare.addScheme(scheme.getKey());
                }
            }
            scopeless.add(bare);
        }
        operation.setSecurity(scopeless);
        return List.copyOf(roles);
    }

    /** 401 and 403 with the problem+json body; a description the resource wrote itself is kept. */
    static void documentRefusals(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        refusal(responses, "401", "No valid bearer token (problem+json, type urn:gucun:problem:unauthorized)",
                "Not Authorized");
        refusal(responses, "403", "Your roles or organization scope do not allow this (problem+json, type "
                + "urn:gucun:problem:forbidden)", "Not Allowed");
    }

    private static void refusal(APIResponses responses, String status, String description, String generated) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(problem()));
            return;
        }
        if (existing.getDescription() == null || existing.getDescription().equals(generated)) {
            existing.setDescription(description);
        }
        if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                || existing.getContent().getMediaTypes().isEmpty()) {
            existing.setContent(problem());
        }
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    private static Set<String> schemesOf(List<SecurityRequirement> requirements) {
        Set<String> names = new HashSet<>();
        for (SecurityRequirement r : requirements) {
            if (r.getSchemes() != null) {
                names.addAll(r.getSchemes().keySet());
            }
        }
        return names;
    }
}
