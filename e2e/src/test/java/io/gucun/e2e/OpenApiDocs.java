package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four services' OpenAPI documents as the running services publish them through the gateway, and their
 * operations (path, method, parameters, request body schema). Shared by the suites that walk every operation: the
 * authorization matrix and the hostile-input fuzzer.
 */
final class OpenApiDocs {

    static final List<String> SERVICES = List.of("membership", "dues", "rights", "outreach");

    /** One operation of one service's document; {@code template} is the path below {@code /api/<service>}. */
    record Operation(String service, String method, String template, String operationId, JsonNode node,
                     List<JsonNode> parameters, JsonNode document) {
        String key() {
            return service + " " + operationId;
        }

        /** The parameters of one kind (path, query, header), the path item's and the operation's own. */
        List<JsonNode> parameters(String in) {
            return parameters.stream().filter(p -> in.equals(p.path("in").asText())).toList();
        }

        /** The media types the request body may have (empty: no body). */
        Set<String> requestMediaTypes() {
            Set<String> types = new java.util.LinkedHashSet<>();
            node.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            return types;
        }

        /** The request body's schema for a media type, {@code $ref}s followed; a missing node if there is none. */
        JsonNode requestSchema(String mediaType) {
            return resolve(node.path("requestBody").path("content").path(mediaType).path("schema"));
        }

        /** {@code schema} with its {@code $ref} (to {@code #/components/...}) followed, repeatedly. */
        JsonNode resolve(JsonNode schema) {
            JsonNode s = schema;
            for (int i = 0; i < 10 && s != null && s.has("$ref"); i++) {
                String ref = s.get("$ref").asText();
                s = ref.startsWith("#") ? document.at(ref.substring(1)) : MissingNode.getInstance();
            }
            // allOf with a single $ref (how SmallRye documents a described reference)
            if (s != null && s.has("allOf") && s.get("allOf").size() == 1) {
                return resolve(s.get("allOf").get(0));
            }
            return s == null ? MissingNode.getInstance() : s;
        }
    }

    private OpenApiDocs() {
    }

    /** Every operation of every service, by {@link Operation#key()}; also writes each document to target/openapi. */
    static Map<String, Operation> load(Api api) throws IOException {
        Map<String, Operation> operations = new TreeMap<>();
        Path dump = Path.of("target", "openapi");
        Files.createDirectories(dump);
        for (String service : SERVICES) {
            Api.Response r = api.send("GET", "/openapi/" + service + "?format=json", null, null, null);
            assertThat(r.status()).as("OpenAPI document of %s: %s", service, r).isEqualTo(200);
            Files.writeString(dump.resolve(service + ".json"), r.body());
            JsonNode document = r.json();
            JsonNode paths = document.path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                String template = stripPrefix(service, path.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        continue;
                    }
                    String id = op.getValue().path("operationId").asText(method + " " + template);
                    List<JsonNode> parameters = new ArrayList<>();
                    path.getValue().path("parameters").forEach(parameters::add);
                    op.getValue().path("parameters").forEach(parameters::add);
                    Operation o = new Operation(service, method, template, id, op.getValue(), parameters, document);
                    Operation previous = operations.put(o.key(), o);
                    assertThat(previous).as("operationId %s used twice in %s", id, service).isNull();
                }
            }
        }
        return operations;
    }

    private static String stripPrefix(String service, String path) {
        String prefix = "/api/" + service;
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** A regular expression matching a path of the template, a {@code ${fixture}} or any segment for each parameter. */
    static Pattern templateRegex(String template) {
        StringBuilder re = new StringBuilder();
        Matcher m = Pattern.compile("\\{[^}]+}").matcher(template);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(template.substring(last, m.start()))).append("(?:\\$\\{[^}]+}|[^/]+)");
            last = m.end();
        }
        re.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(re.toString());
    }
}
