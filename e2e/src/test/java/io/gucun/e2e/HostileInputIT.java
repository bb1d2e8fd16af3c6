package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gucun.e2e.MatrixLines.Line;
import io.gucun.e2e.OpenApiDocs.Operation;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, R4: hostile input. From every operation of the four services' OpenAPI documents (and the authorization
 * matrix's sample request for it, sent by its in-scope caller so validation, not authorization, is exercised), a
 * seeded generator derives requests with boundary values, wrong types, huge strings, unicode, injection strings,
 * missing and unknown fields, malformed JSON, wrong content types, hostile path, query and header values, and sends
 * them through the gateway. Every answer must be below 500, carry no stack trace or Java class name, and every 4xx must
 * be {@code application/problem+json} with {@code type}, {@code title}, {@code status} (and {@code errors[].field} for
 * validation problems). Afterwards no resident ID number that was sent may be in the logs.
 *
 * <p>{@code -Dgucun.hostile.requests=N} (default 10,500) sets how many generated requests run;
 * {@code -Dgucun.hostile.seed=S} the seed (default 12).
 */
@ExtendWith(RealStack.class)
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final int BUDGET = Integer.getInteger("gucun.hostile.requests", 10_500);
    private static final long SEED = Long.getLong("gucun.hostile.seed", 12L);
    private static final int THREADS = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What must never be in an answer: the marks of a stack trace or of a Java class name. */
    private static final List<String> LEAKS = List.of("\tat ", "at io.", "at java.", "at org.", "Exception", "Caused by",
            "org.hibernate", "java.lang.", "java.util.", "io.quarkus.", "io.vertx.", "com.fasterxml.", "jakarta.",
            "org.postgresql", "SQLState", "io.smallrye.", "org.jboss.");
    // Not "io.gucun.": the CloudEvents types (io.gucun.rights.CaseReported) are data that webhook deliveries show;
    // a stack frame of ours is caught by "at io.".
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");
    private static final String PLACEHOLDER = "\u0001HOSTILE\u0001";
    private static final String PLACEHOLDER_JSON = "\"\\u0001HOSTILE\\u0001\"";

    private Api api;
    private Stack stack;
    private MatrixFixtures fixtures;
    private Map<String, Operation> operations;
    private List<Line> lines;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Probe> probes = new ArrayList<>();
    private final Set<String> sentIdNumbers = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perService = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perKind = new ConcurrentHashMap<>();
    private final Queue failures = new Queue();
    private final List<String> skipped = new ArrayList<>();
    private final Set<String> importJobs = ConcurrentHashMap.newKeySet();
    private long fuzzMillis;

    /** One generated request; {@code kind} says which generator made it (for the figures). */
    record Probe(String service, String operationId, String kind, String method, String path, String contentType,
                 byte[] body, Map<String, String> headers, String caller) {
        String describe() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return service + " " + operationId + " [" + kind + "] " + method + " "
                    + (path.length() > 160 ? path.substring(0, 160) + "…" : path)
                    + (contentType == null ? "" : " (" + contentType + ")") + (body == null ? "" : " " + b
                    + (body.length > 160 ? "… (" + body.length + " bytes)" : ""));
        }
    }

    /** Failures, kept to a readable number of examples per kind of failure. */
    static final class Queue {
        final ConcurrentLinkedQueue<String> all = new ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();

        void add(String s) {
            count.incrementAndGet();
            if (all.size() < 400) {
                all.add(s);
            }
        }
    }

    @BeforeAll
    void setUp(Api api, Stack stack) throws IOException {
        this.api = api;
        this.stack = stack;
        operations = OpenApiDocs.load(api);
        lines = MatrixLines.load();
        fixtures = new MatrixFixtures(api);
        fixtures.create();
        prime();
        generate();
    }

    /** Fresh tokens for this suite (the run may be long): a demo user's or a partner client's. */
    private String token(String who) {
        return tokens.computeIfAbsent(who, w -> w.startsWith("partner-")
                ? Tokens.clientCredentials(stack.tokenUrl(), w, w + "-dev-secret")
                : Tokens.password(stack.tokenUrl(), "union-app", w, w + "-dev"));
    }

    /**
     * Sends each matrix line's sample once, in the matrix's order, as its in-scope caller, so the values later lines
     * name (a case, a notice, a journal entry ...) exist; then the generator starts from these samples.
     */
    private void prime() {
        for (Line line : lines) {
            if (!operations.containsKey(line.key())) {
                continue;
            }
            MatrixLines.Sample s;
            try {
                s = MatrixLines.sample(line, fixtures, line.target());
            } catch (IllegalStateException missing) {
                continue;
            }
            String caller = line.caller().equals("anonymous") ? null : token(line.caller());
            Api.Response r = api.sendTo(stack.gatewayUrl(), s.method(), s.path(), caller, s.contentType(), s.body(),
                    Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
            if (!line.captures().isEmpty() && line.method().equals("GET") && r.status() == 200 && !captured(line, r)) {
                try {
                    MatrixLines.Sample again = s;
                    r = api.await(() -> api.sendTo(stack.gatewayUrl(), again.method(), again.path(), caller, null, null,
                            Map.of()), a -> a.status() == 200 && captured(line, a), Duration.ofSeconds(30));
                } catch (AssertionError late) {
                    continue;
                }
            }
            if (r.status() / 100 == 2) {
                Api.Response answer = r;
                line.captures().forEach((name, pointer) -> {
                    JsonNode v = answer.json().at(pointer);
                    if (!v.isMissingNode() && !v.isNull()) {
                        fixtures.vars().put(name, v.asText());
                    }
                });
            }
        }
    }

    private static boolean captured(Line line, Api.Response r) {
        return line.captures().values().stream().map(p -> r.json().at(p)).noneMatch(v -> v.isMissingNode() || v.isNull());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generation

    /** Values for path segments and query parameters: not numbers, negative, huge, injections, unicode. */
    private static final List<String> PARAM_VALUES = List.of("abc", "0", "-1", "1.5", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999", "1e3", "0x1F", " ", "null",
            "1.*", "*.1", "../5", "..", "5;DROP TABLE member", "' OR '1'='1", "\u0000", "😀", "\u202E5", "%", "a\r\nX-Injected: 1",
            "{\"a\":1}", "2024-13", "9999-99", "true", "x".repeat(300), "9".repeat(2_000));
    private static final List<String> QUERY_VALUES = List.of("abc", "0", "-1", "1.5", "2147483648", "9223372036854775808",
            "-9223372036854775809", "1e400", "", "%", "1.*", "' OR '1'='1", "😀", "\u0000", "x".repeat(300), "2024-13",
            "0000-00", "true", "[]", "{}", "a\r\nX-Injected: 1", "../../etc/passwd");
    /** JSON literals put in place of a body value (the text as it goes on the wire). */
    private static final List<String> VALUES = List.of("null", "\"\"", "\" \"", "0", "-1", "1.5", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "2147483648", "1e400", "-0", "true", "\"true\"", "[]", "{}",
            "[1,2]", "{\"a\":{\"b\":[]}}", "\"abc\"", "\"12abc\"", "\"\\u202Eevil\\u202C\"", "\"👩‍👩‍👧‍👦😀\"",
            "\"e\\u0301\\u0301\\u0301\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"' OR '1'='1\"",
            "\"1; DROP TABLE member;--\"", "\"1.*\"", "\"*.1.*{1,}\"", "\"../../../etc/passwd\"", "\"{\\\"a\\\":1}\"",
            "\"<script>alert(1)</script>\"", "\"${jndi:ldap://127.0.0.1/x}\"", "\"%s%n%x\"", "\"line\\r\\nX-Injected: 1\"",
            "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"２０２４-０７\"", "\"2024-13\"", "\"2024-02-30\"", "\"9999-99-99\"",
            "\"-2024-01\"", "\"999999999999999.999\"", "\"0.001\"", "\"-0.01\"", "\"1e-7\"", "\"2026-10-10T25:00:00+08:00\"",
            "\"" + "a".repeat(256) + "\"", "\"" + "界".repeat(1_001) + "\"", "\"" + "a".repeat(4_097) + "\"");
    private static final List<String> MALFORMED = List.of("", "{", "[", "{\"a\":", "nul", "{'a':1}", "{\"a\":1,}", "{}{}",
            "{\"a\":\"unterminated}", "{\"a\":\"raw\nnewline\"}", "/* comment */ {}", "\"just a string\"", "1", "null",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" + "9".repeat(5_000) + "}");
    private static final List<String[]> WRONG_CONTENT = List.of(new String[] {"text/plain", null},
            new String[] {"application/xml", "<a>1</a>"}, new String[] {"application/x-www-form-urlencoded", "a=1&b=2"},
            new String[] {"multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n"},
            new String[] {"application/json; charset=utf-16", null}, new String[] {"garbage", null},
            new String[] {"application/json;;;", null}, new String[] {"application/octet-stream", null});

    private void generate() {
        Random random = new Random(SEED);
        List<Probe> must = new ArrayList<>();
        List<Probe> optional = new ArrayList<>();
        Map<String, Boolean> bigDone = new TreeMap<>();
        for (Line line : lines) {
            Operation op = operations.get(line.key());
            if (op == null) {
                continue;
            }
            MatrixLines.Sample s;
            try {
                s = MatrixLines.sample(line, fixtures, line.target());
            } catch (IllegalStateException missing) {
                skipped.add(line.key() + ": " + missing.getMessage());
                continue;
            }
            String caller = line.caller().equals("anonymous") ? "anonymous" : line.caller();
            ProbeFactory f = new ProbeFactory(op, s, caller);
            collectIdNumbers(s.body());
            pathProbes(f, op, s, optional, must);
            queryProbes(f, op, s, optional);
            headerProbes(f, op, must);
            if (s.body() != null && s.contentType().equals("application/json")) {
                jsonProbes(f, op, s, must, optional, bigDone);
            } else if (s.body() != null) {
                csvProbes(f, s, must, optional);
            }
        }
        Collections.shuffle(optional, random);
        probes.addAll(must);
        probes.addAll(optional.subList(0, Math.max(0, Math.min(optional.size(), BUDGET - must.size()))));
        Collections.shuffle(probes, random);
        System.out.printf("[hostile] generated %d requests (%d structural, %d of %d sampled value cases), seed %d%n",
                probes.size(), must.size(), probes.size() - must.size(), optional.size(), SEED);
    }

    /** Builds the probes of one operation from its sample. */
    private record ProbeFactory(Operation op, MatrixLines.Sample sample, String caller) {
        Probe body(String kind, String contentType, byte[] body) {
            return new Probe(op.service(), op.operationId(), kind, sample.method(), sample.path(), contentType, body,
                    Map.of(), caller);
        }

        Probe body(String kind, String contentType, String body) {
            return body(kind, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        Probe path(String kind, String path) {
            return new Probe(op.service(), op.operationId(), kind, sample.method(), path, sample.contentType(),
                    sample.body() == null ? null : sample.body().getBytes(StandardCharsets.UTF_8), Map.of(), caller);
        }

        Probe header(String kind, Map<String, String> headers) {
            return new Probe(op.service(), op.operationId(), kind, sample.method(), sample.path(), sample.contentType(),
                    sample.body() == null ? null : sample.body().getBytes(StandardCharsets.UTF_8), headers, caller);
        }
    }

    private void pathProbes(ProbeFactory f, Operation op, MatrixLines.Sample s, List<Probe> optional, List<Probe> must) {
        String[] query = s.path().split("\\?", 2);
        String[] segments = query[0].split("/", -1);
        String[] template = ("/api/" + op.service() + op.template()).split("/", -1);
        if (segments.length != template.length) {
            return;
        }
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{")) {
                continue;
            }
            for (String value : PARAM_VALUES) {
                String[] copy = segments.clone();
                copy[i] = encode(value);
                String path = String.join("/", copy) + (query.length > 1 ? "?" + query[1] : "");
                (value.length() > 1_000 ? must : optional).add(f.path("path:" + template[i], path));
            }
        }
    }

    private void queryProbes(ProbeFactory f, Operation op, MatrixLines.Sample s, List<Probe> optional) {
        String[] parts = s.path().split("\\?", 2);
        Map<String, String> base = new LinkedHashMap<>();
        if (parts.length > 1) {
            for (String kv : parts[1].split("&")) {
                String[] p = kv.split("=", 2);
                base.put(p[0], p.length > 1 ? p[1] : "");
            }
        }
        for (JsonNode parameter : op.parameters("query")) {
            String name = parameter.path("name").asText();
            for (String value : QUERY_VALUES) {
                Map<String, String> q = new LinkedHashMap<>(base);
                q.put(name, encode(value));
                optional.add(f.path("query:" + name, parts[0] + "?" + join(q)));
            }
            Map<String, String> twice = new LinkedHashMap<>(base);
            twice.remove(name);
            optional.add(f.path("query:" + name + " twice", parts[0] + "?" + join(twice) + (twice.isEmpty() ? "" : "&")
                    + name + "=1&" + name + "=-1"));
        }
    }

    private static String join(Map<String, String> q) {
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    private void headerProbes(ProbeFactory f, Operation op, List<Probe> must) {
        boolean idempotent = op.parameters("header").stream().anyMatch(p -> p.path("name").asText().equalsIgnoreCase("Idempotency-Key"));
        if (idempotent) {
            for (String v : List.of("", " ", "a".repeat(100), "a".repeat(101), "a".repeat(6_000), "\u00e9\u00e8", "../x",
                    "' OR '1'='1", "1.*")) {
                must.add(f.header("header:Idempotency-Key", Map.of("Idempotency-Key", v)));
            }
        }
        if (op.method().equals("GET") && op.template().split("/").length <= 2) {
            for (String v : List.of("<script>", "a b", "x".repeat(1_000), "\u00ff")) {
                must.add(f.header("header:X-Request-Id", Map.of("X-Request-Id", v)));
            }
        }
    }

    private void jsonProbes(ProbeFactory f, Operation op, MatrixLines.Sample s, List<Probe> must, List<Probe> optional,
                            Map<String, Boolean> bigDone) {
        JsonNode base;
        try {
            base = Api.JSON.readTree(s.body());
        } catch (IOException e) {
            return;
        }
        // Whole bodies: malformed JSON, wrong content types, wrong top-level types, empty, unknown fields.
        for (String m : MALFORMED) {
            must.add(f.body("malformed", "application/json", m));
        }
        must.add(f.body("malformed:bom", "application/json", "\uFEFF" + s.body()));
        must.add(f.body("malformed:trailing", "application/json", s.body() + " garbage"));
        byte[] utf8 = s.body().getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = new byte[utf8.length + 2];
        int quote = s.body().indexOf('"');
        System.arraycopy(utf8, 0, invalidUtf8, 0, quote + 1);
        invalidUtf8[quote + 1] = (byte) 0xC3;
        invalidUtf8[quote + 2] = (byte) 0x28;
        System.arraycopy(utf8, quote + 1, invalidUtf8, quote + 3, utf8.length - quote - 1);
        must.add(f.body("malformed:utf8", "application/json", invalidUtf8));
        for (String[] ct : WRONG_CONTENT) {
            must.add(f.body("content-type:" + ct[0], ct[0], ct[1] == null ? s.body() : ct[1]));
        }
        must.add(f.body("content-type:none", null, s.body()));
        must.add(f.body("content-type:csv", "text/csv", "a,b\n1,2\n"));
        must.add(f.body("body:none", "application/json", (String) null));
        if (base.isObject()) {
            must.add(f.body("body:{}", "application/json", "{}"));
            must.add(f.body("body:array", "application/json", "[" + s.body() + "]"));
            ObjectNode extra = base.deepCopy();
            extra.put("zzUnknownField", "x");
            extra.set("zzUnknownObject", Api.JSON.createObjectNode().put("a", 1));
            must.add(f.body("body:unknown-fields", "application/json", extra.toString()));
            // every documented required field left out, one at a time
            JsonNode schema = op.requestSchema("application/json");
            for (JsonNode required : schema.path("required")) {
                ObjectNode without = base.deepCopy();
                without.remove(required.asText());
                must.add(f.body("missing:" + required.asText(), "application/json", without.toString()));
            }
            // documented fields the sample does not send are sent with hostile values too
            ObjectNode withAll = base.deepCopy();
            for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!withAll.has(name)) {
                    withAll.set(name, TextNode.valueOf("x"));
                }
            }
            base = withAll;
        } else if (base.isArray()) {
            must.add(f.body("body:[]", "application/json", "[]"));
            must.add(f.body("body:[null]", "application/json", "[null]"));
            must.add(f.body("body:object", "application/json", base.size() > 0 ? base.get(0).toString() : "{}"));
            if (base.size() > 0) {
                // more records than the bulk upload's old limit (20,000): now one job (202) whose records are rejected
                StringBuilder many = new StringBuilder("[");
                for (int i = 0; i < 20_001; i++) {
                    many.append(i == 0 ? "" : ",").append("{\"creditCode\":\"X\",\"period\":\"2024-07\",\"payrollBase\":\"1\",\"partnerReference\":\"R")
                            .append(i).append("\"}");
                }
                must.add(f.body("body:20001-records", "application/json", many.append(']').toString()));
            }
        }
        // Each value slot (fields, first elements of arrays, three levels deep): left out, and hostile values.
        List<String> slots = new ArrayList<>();
        slots(base, "", 0, slots);
        boolean firstString = true;
        for (String slot : slots) {
            JsonNode original = base.at(slot);
            if (!slot.isEmpty()) {
                must.add(f.body("missing:" + slot, "application/json", remove(base, slot).toString()));
            }
            for (String value : VALUES) {
                optional.add(f.body("value:" + slot, "application/json", with(base, slot, value)));
            }
            if (original.isTextual()) {
                JsonNode maxLength = maxLength(op, slot);
                if (maxLength != null) {
                    int m = maxLength.asInt();
                    must.add(f.body("length:" + slot + "=" + m, "application/json", with(base, slot, "\"" + "a".repeat(m) + "\"")));
                    must.add(f.body("length:" + slot + "=" + (m + 1), "application/json", with(base, slot, "\"" + "a".repeat(m + 1) + "\"")));
                }
                if (firstString) {
                    firstString = false;
                    // A 1 MB string in the first text field of every operation.
                    must.add(f.body("huge:1MB " + slot, "application/json", with(base, slot, "\"" + "x".repeat(1 << 20) + "\"")));
                    if (!bigDone.containsKey(op.service())) {
                        // Above the gateway's body limit (10 MB), once per service.
                        bigDone.put(op.service(), true);
                        must.add(f.body("huge:11MB " + slot, "application/json", with(base, slot, "\"" + "x".repeat(11 << 20) + "\"")));
                    }
                }
                if (slot.toLowerCase().contains("idnumber")) {
                    String valid = Ids.residentId();
                    String mistyped = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
                    sentIdNumbers.add(mistyped);
                    must.add(f.body("id-number:" + slot, "application/json", with(base, slot, "\"" + mistyped + "\"")));
                    must.add(f.body("id-number:" + slot, "application/json", with(base, slot, "\" " + valid.toLowerCase() + " \"")));
                    sentIdNumbers.add(valid);
                    must.add(f.body("id-number:" + slot, "application/json", with(base, slot, "\"" + valid.substring(0, 15) + "\"")));
                }
            }
        }
    }

    private static void slots(JsonNode node, String pointer, int depth, List<String> out) {
        if (depth > 3) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String p = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                out.add(p);
                slots(node.get(name), p, depth + 1, out);
            }
        } else if (node.isArray() && node.size() > 0) {
            String p = pointer + "/0";
            out.add(p);
            slots(node.get(0), p, depth + 1, out);
        }
    }

    /** The documented maxLength of a top-level field of the request body, if any. */
    private static JsonNode maxLength(Operation op, String slot) {
        if (slot.lastIndexOf('/') != 0) {
            return null;
        }
        JsonNode property = op.resolve(op.requestSchema("application/json").path("properties").path(slot.substring(1)));
        return property.has("maxLength") ? property.get("maxLength") : null;
    }

    private static String with(JsonNode base, String pointer, String literal) {
        if (pointer.isEmpty()) {
            return literal;
        }
        JsonNode copy = base.deepCopy();
        set(copy, pointer, TextNode.valueOf(PLACEHOLDER));
        return copy.toString().replace(PLACEHOLDER_JSON, literal);
    }

    private static JsonNode remove(JsonNode base, String pointer) {
        JsonNode copy = base.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
        return copy;
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private void csvProbes(ProbeFactory f, MatrixLines.Sample s, List<Probe> must, List<Probe> optional) {
        String[] rows = s.body().split("\n");
        String header = rows[0];
        String row = rows.length > 1 ? rows[1] : "";
        collectIdNumbers(s.body());
        must.add(f.body("csv:empty", "text/csv", ""));
        must.add(f.body("csv:header-only", "text/csv", header + "\n"));
        must.add(f.body("csv:wrong-header", "text/csv", "a,b,c\n1,2,3\n"));
        must.add(f.body("csv:bom", "text/csv", "\uFEFF" + s.body()));
        must.add(f.body("csv:crlf", "text/csv", s.body().replace("\n", "\r\n")));
        must.add(f.body("csv:unbalanced-quote", "text/csv", header + "\n\"" + row + "\n"));
        must.add(f.body("csv:1000-columns", "text/csv", header + "\n" + "1,".repeat(999) + "1\n"));
        must.add(f.body("csv:1MB-line", "text/csv", header + "\n" + "x".repeat(1 << 20) + "\n"));
        must.add(f.body("csv:nul", "text/csv", header + "\n" + row.replace(",", "\u0000,") + "\n"));
        must.add(f.body("csv:json", "application/json", "{\"a\":1}"));
        must.add(f.body("csv:as-json-type", "application/json", s.body()));
        must.add(f.body("csv:no-type", null, s.body()));
        byte[] invalid = (header + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBad = new byte[invalid.length + 3];
        System.arraycopy(invalid, 0, withBad, 0, invalid.length);
        withBad[invalid.length] = (byte) 0xC3;
        withBad[invalid.length + 1] = (byte) 0x28;
        withBad[invalid.length + 2] = '\n';
        must.add(f.body("csv:utf8", "text/csv", withBad));
        String[] cells = row.split(",", -1);
        List<String> csvValues = new ArrayList<>(List.of("", "-1", "0", "9223372036854775808", "1e400", "abc", "1.*",
                "' OR '1'='1", "=cmd|' /C calc'!A0", "😀", "\u202E1", "\"quoted,comma\"", "../../etc/passwd", "2024-13",
                "9999-99-99", "x".repeat(5_000), "NaN", "-0.01"));
        for (int c = 0; c < cells.length; c++) {
            for (String v : csvValues) {
                String[] copy = cells.clone();
                copy[c] = v;
                optional.add(f.body("csv:column" + c, "text/csv", header + "\n" + String.join(",", copy) + "\n"));
            }
        }
    }

    private void collectIdNumbers(String body) {
        if (body == null) {
            return;
        }
        Matcher m = ID_NUMBER.matcher(body);
        while (m.find()) {
            if (m.group().length() == 18 && !m.group().startsWith("91")) {
                sentIdNumbers.add(m.group());
            }
        }
    }

    /** Percent-encodes everything but the unreserved characters (RFC 3986), as UTF-8. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Running and judging

    @Test
    @Order(1)
    void generatedHostileRequestsGetNo5xxNoStackTraceAndProblemJsonErrors() throws Exception {
        assertThat(probes.size()).as("requests generated").isGreaterThanOrEqualTo(Math.min(BUDGET, 10_000));
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (Probe p : probes) {
                futures.add(pool.submit(() -> {
                    judge(p, send(p));
                    int n = done.incrementAndGet();
                    if (n % 2_000 == 0) {
                        System.out.printf("[hostile] %d/%d requests, %d failures%n", n, probes.size(), failures.count.get());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        fuzzMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(failures.all).as("%d hostile requests answered wrongly (first %d listed)", failures.count.get(),
                failures.all.size()).isEmpty();
    }

    private Outcome send(Probe p) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + p.path()))
                .timeout(Duration.ofSeconds(60));
        if (!p.caller().equals("anonymous")) {
            b.header("Authorization", "Bearer " + token(p.caller()));
        }
        if (p.contentType() != null) {
            b.header("Content-Type", p.contentType());
        }
        p.headers().forEach(b::header);
        b.method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(p.body()));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().firstValue("X-Injected").isPresent(), null);
        } catch (IOException e) {
            return new Outcome(-1, "", "", false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "", "", false, "interrupted");
        } catch (IllegalArgumentException e) {
            return new Outcome(-2, "", "", false, e.getMessage());
        }
    }

    record Outcome(int status, String contentType, String body, boolean injectedHeader, String error) {
    }

    private void judge(Probe p, Outcome o) {
        perService.computeIfAbsent(p.service(), s -> new AtomicInteger()).incrementAndGet();
        statuses.computeIfAbsent(o.status(), s -> new AtomicInteger()).incrementAndGet();
        perKind.computeIfAbsent(p.kind().replaceAll("[:=].*", ""), s -> new AtomicInteger()).incrementAndGet();
        List<String> wrong = verdict(o);
        if (o.status() == 202 && p.service().equals("outreach")) {
            try {
                importJobs.add(Api.JSON.readTree(o.body()).path("id").asText());
            } catch (IOException ignored) {
                // judged above
            }
        }
        if (!wrong.isEmpty()) {
            failures.add(wrong + " <- " + p.describe() + " -> " + o.status() + " " + o.contentType() + " "
                    + (o.body().length() > 300 ? o.body().substring(0, 300) + "…" : o.body())
                    + (o.error() == null ? "" : " " + o.error()));
        }
    }

    /** What is wrong with an answer (empty: nothing). */
    static List<String> verdict(Outcome o) {
        List<String> wrong = new ArrayList<>();
        if (o.status() < 0) {
            wrong.add("no answer");
            return wrong;
        }
        if (o.status() >= 500) {
            wrong.add("5xx");
        }
        if (o.status() == 401) {
            wrong.add("401 with a valid token");
        }
        if (o.injectedHeader()) {
            wrong.add("header injected");
        }
        for (String leak : LEAKS) {
            if (o.body().contains(leak)) {
                wrong.add("leaks '" + leak.trim() + "'");
                break;
            }
        }
        if (o.status() >= 400) {
            if (!o.contentType().startsWith("application/problem+json")) {
                wrong.add("not problem+json");
            } else {
                try {
                    JsonNode p = Api.JSON.readTree(o.body());
                    if (!p.path("type").asText().startsWith("urn:gucun:problem:") || p.path("title").asText().isBlank()
                            || p.path("status").asInt() != o.status()) {
                        wrong.add("problem without type/title/status");
                    }
                    if (p.path("type").asText().endsWith(":validation")) {
                        JsonNode errors = p.path("errors");
                        boolean named = errors.isArray() && errors.size() > 0;
                        for (JsonNode e : errors) {
                            named &= !e.path("field").asText().isBlank();
                        }
                        if (!named) {
                            wrong.add("validation problem without errors[].field");
                        }
                    }
                } catch (IOException e) {
                    wrong.add("problem+json that is not JSON");
                }
            }
        }
        return wrong;
    }

    /** The partner files the fuzzer sent end as completed jobs: no job fails on hostile rows, none reports a Java error. */
    @Test
    @Order(2)
    void importJobsOfHostileFilesCompleteWithoutInternalErrors() {
        String admin = token("admin");
        List<String> wrong = new ArrayList<>();
        for (String id : importJobs) {
            Api.Response r = api.await(() -> api.sendTo(stack.gatewayUrl(), "GET", "/api/outreach/imports/" + id,
                            admin, null, null, Map.of()),
                    a -> a.status() != 200 || Set.of("COMPLETED", "FAILED").contains(a.json().path("status").asText()),
                    Duration.ofSeconds(120));
            if (r.status() != 200 || !r.json().path("status").asText().equals("COMPLETED")
                    || LEAKS.stream().anyMatch(r.body()::contains)) {
                wrong.add(r.toString());
            }
        }
        System.out.printf("[hostile] %d partner import jobs from hostile files checked%n", importJobs.size());
        assertThat(wrong).as("import jobs of hostile files").isEmpty();
    }

    /**
     * Malformed HTTP that a client library will not send (CR, LF or NUL inside a header, a header that is too large,
     * a space in the request target): the gateway answers 4xx without a stack trace and never forwards an injected
     * header.
     */
    @Test
    @Order(3)
    void malformedHeadersOnTheWireAreRefusedCleanly() throws IOException {
        URI gateway = URI.create(stack.gatewayUrl());
        String auth = "Authorization: Bearer " + token("officer.gucun") + "\r\n";
        String target = "/api/membership/orgs/5";
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("CR in a header", "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + auth + "X-Request-Id: a\rX-Injected: 1\r\n\r\n");
        raw.put("LF in a header", "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + auth + "X-Request-Id: a\nX-Injected: 1\r\n\r\n");
        raw.put("NUL in a header", "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + auth + "X-Request-Id: a\u0000b\r\n\r\n");
        raw.put("folded header", "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + auth + "X-Request-Id: a\r\n X-Injected: 1\r\n\r\n");
        raw.put("space in a header name", "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + auth + "X Injected: 1\r\n\r\n");
        raw.put("40 KB header", "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + auth + "X-Big: " + "a".repeat(40_000) + "\r\n\r\n");
        raw.put("space in the target", "GET /api/membership/orgs/5 6 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.put("CRLF in Idempotency-Key", "POST /api/rights/cases HTTP/1.1\r\nHost: x\r\n" + auth
                + "Idempotency-Key: k\r\nX-Injected: 1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String answer = rawCall(gateway, e.getValue());
            String statusLine = answer.lines().findFirst().orElse("");
            int status = statusLine.matches("HTTP/1\\.[01] \\d{3}.*") ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
            System.out.printf("[hostile] raw %-24s -> %s%n", e.getKey(), statusLine);
            String lower = answer.toLowerCase();
            if (status >= 500 || LEAKS.stream().anyMatch(answer::contains) || lower.contains("\r\nx-injected:")) {
                wrong.add(e.getKey() + " -> " + (answer.length() > 400 ? answer.substring(0, 400) : answer));
            }
        }
        assertThat(wrong).as("malformed HTTP at the gateway").isEmpty();
    }

    private static String rawCall(URI gateway, String request) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            try {
                while ((n = in.read(chunk)) > 0 && buffer.size() < 64_000) {
                    buffer.write(chunk, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException timeout) {
                // what arrived is the answer
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    /** No resident ID number the fuzzer sent (valid or mistyped) is in any log the stack wrote. */
    @Test
    @Order(4)
    void noIdNumberSentIsInTheLogs() throws IOException {
        Path logs = stack.home().resolve("logs");
        List<String> found = new ArrayList<>();
        long files;
        try (Stream<Path> walk = Files.walk(logs)) {
            List<Path> all = walk.filter(Files::isRegularFile).toList();
            files = all.size();
            for (Path file : all) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                Matcher m = ID_NUMBER.matcher(text);
                while (m.find()) {
                    if (sentIdNumbers.contains(m.group()) || sentIdNumbers.contains(m.group().toLowerCase())) {
                        found.add(file.getFileName() + ": " + m.group().substring(0, 6) + "…");
                    }
                }
            }
        }
        System.out.printf("[hostile] %d resident ID numbers sent; %d log files scanned%n", sentIdNumbers.size(), files);
        assertThat(sentIdNumbers).as("the fuzzer sent ID numbers").isNotEmpty();
        assertThat(found).as("ID numbers sent that are in the logs").isEmpty();
    }

    @AfterAll
    void summary() throws IOException {
        StringBuilder s = new StringBuilder("\nHostile input (R4): seed ").append(SEED).append(", ").append(probes.size())
                .append(" requests in ").append(fuzzMillis / 1000).append(" s, ").append(THREADS).append(" threads\n");
        s.append("requests per service: ").append(new TreeMap<>(perService)).append('\n');
        s.append("status histogram: ").append(new TreeMap<>(statuses)).append('\n');
        s.append("requests per generator: ").append(new TreeMap<>(perKind)).append('\n');
        s.append("operations skipped (no fixture): ").append(skipped.size()).append(' ').append(skipped).append('\n');
        s.append("failures: ").append(failures.count.get()).append('\n');
        failures.all.stream().limit(200).forEach(f -> s.append("  ").append(f).append('\n'));
        System.out.println(s);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hostile-input-summary.txt"), s.toString());
    }
}
