package io.gucun.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The service's OpenAPI document as served at {@code /q/openapi}, and the checks every operation must pass. */
public record OpenApiDocument(JsonNode json) {

    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    /** One operation: its method, path and OpenAPI object. */
    public record Operation(String method, String path, JsonNode op) {
        String where() {
            return method.toUpperCase() + " " + path;
        }
    }

    public static OpenApiDocument served() {
        try {
            return new OpenApiDocument(new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                    .then().statusCode(200).extract().asString()));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the OpenAPI document is not JSON", e);
        }
    }

    /** The operations on paths starting with one of {@code prefixes} (none given: all operations). */
    public List<Operation> operations(String... prefixes) {
        Predicate<String> mine = path -> prefixes.length == 0 || List.of(prefixes).stream().anyMatch(path::startsWith);
        List<Operation> out = new ArrayList<>();
        json.get("paths").properties().forEach(path -> {
            if (mine.test(path.getKey())) {
                path.getValue().properties().stream().filter(m -> METHODS.contains(m.getKey()))
                        .forEach(m -> out.add(new Operation(m.getKey(), path.getKey(), m.getValue())));
            }
        });
        return out;
    }

    /**
     * What the operations lack of what every operation must have: an operationId unique in the document, a summary,
     * a tag and at least one documented 4xx response. Empty when all is there.
     */
    public static List<String> undocumented(List<Operation> operations) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Operation o : operations) {
            JsonNode op = o.op();
            if (!op.hasNonNull("operationId") || !ids.add(op.get("operationId").asText())) {
                problems.add(o.where() + ": missing or repeated operationId");
            }
            if (!op.hasNonNull("summary")) {
                problems.add(o.where() + ": no summary");
            }
            if (!op.has("tags") || op.get("tags").isEmpty()) {
                problems.add(o.where() + ": no tag");
            }
            if (!op.has("responses") || op.get("responses").properties().stream().noneMatch(r -> r.getKey().startsWith("4"))) {
                problems.add(o.where() + ": no documented error response");
            }
        }
        return problems;
    }

    /** The partner operations: served below {@code /partner/} or tagged "Partner ..." (feeds, webhooks, imports). */
    public List<Operation> partnerOperations() {
        return operations().stream().filter(OpenApiDocument::isPartnerOperation).toList();
    }

    private static boolean isPartnerOperation(Operation o) {
        if (o.path().matches("(/api/[^/]+)?/partner/.*")) {
            return true;
        }
        for (JsonNode tag : o.op().path("tags")) {
            if (tag.asText().startsWith("Partner ")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Issue 20, item 1: a partner operation admits only partner roles and admin, as its {@code x-roles} say (a town
     * officer once read the whole country's membership changes through a partner feed). What breaks that, one line
     * each; empty when all is well.
     */
    public List<String> partnerOperationsAdmittingOthers() {
        List<String> problems = new ArrayList<>();
        for (Operation o : partnerOperations()) {
            List<String> roles = new ArrayList<>();
            o.op().path("x-roles").forEach(r -> roles.add(r.asText()));
            if (roles.isEmpty()) {
                problems.add(o.where() + ": a partner operation without x-roles");
            }
            roles.stream().filter(r -> !r.startsWith("partner-") && !r.equals("admin"))
                    .forEach(r -> problems.add(o.where() + ": a partner operation admits " + r));
        }
        return problems;
    }

    /** The document's component schemas. */
    public JsonNode schemas() {
        return json.get("components").get("schemas");
    }
}
