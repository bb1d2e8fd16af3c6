package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.MatrixLines.Line;
import io.gucun.e2e.MatrixLines.OutOfScope;
import io.gucun.e2e.OpenApiDocs.Operation;
import io.gucun.infra.keycloak.KeycloakServer;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8, item 4: for every operation of every service's OpenAPI document (as the running services publish them
 * through the gateway), the four cases of {@code authorization-matrix.tsv}: no token (401), a caller without an
 * allowed role (403), an allowed role outside its scope (403 or 404, as the service documents), and an allowed role
 * inside its scope (2xx, or {@code authorized} where the line says so). An operation without a matrix line, or a line
 * without an operation, fails the run.
 */
@ExtendWith(RealStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixIT {

    private static final List<String> SERVICES = OpenApiDocs.SERVICES;

    /** Per service, a read the admin may make: 200 with a good token, so any other answer is the token's doing. */
    private static final Map<String, String> PROBES = Map.of(
            "membership", "/api/membership/orgs/5",
            "dues", "/api/dues/orgs/5/accounts",
            "rights", "/api/rights/cases",
            "outreach", "/api/outreach/sites?orgId=5");

    /** Every principal the matrix may name, with the realm roles it holds. */
    private static final Map<String, Set<String>> PRINCIPALS = new LinkedHashMap<>();

    static {
        PRINCIPALS.put("worker.li", Set.of("member"));
        PRINCIPALS.put("lawyer.wang", Set.of("lawyer"));
        PRINCIPALS.put("officer.gucun", Set.of("officer"));
        PRINCIPALS.put("officer.beijing", Set.of("officer"));
        PRINCIPALS.put("admin", Set.of("admin", "officer"));
        PRINCIPALS.put("partner-tax", Set.of("partner-tax"));
        PRINCIPALS.put("partner-social-insurance", Set.of("partner-social-insurance"));
        PRINCIPALS.put("partner-credit", Set.of("partner-credit"));
    }

    /** Who is tried for the wrong-role case: one principal per role set (officer.beijing adds nothing to officer.gucun). */
    private static final List<String> WRONG_ROLE_CANDIDATES =
            List.of("worker.li", "lawyer.wang", "officer.gucun", "admin", "partner-tax", "partner-social-insurance",
                    "partner-credit");


    private Api api;
    private Stack stack;
    private MatrixFixtures fixtures;
    private final Map<String, Operation> operations = new TreeMap<>();
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final long started = System.nanoTime();

    /** Counts per service for the summary: cases run and how they ended. */
    static final class Tally {
        int operations;
        int noToken;
        int wrongRole;
        int outOfScope;
        int inScope2xx;
        int inScopeAuthorized;
        int publicOps;
        int failures;
    }

    @BeforeAll
    void setUp(Api api, Stack stack) throws IOException {
        this.api = api;
        this.stack = stack;
        operations.putAll(OpenApiDocs.load(api));
        lines.addAll(MatrixLines.load());
        fixtures = new MatrixFixtures(api);
        fixtures.create();
    }

    @Test
    @Order(1)
    void everyOperationHasExactlyOneMatrixLineAndEveryLineAnOperation() {
        Map<String, List<Integer>> byKey = new TreeMap<>();
        lines.forEach(l -> byKey.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.number()));
        List<String> problems = new ArrayList<>();
        operations.values().forEach(o -> {
            if (!byKey.containsKey(o.key())) {
                problems.add("no matrix line for " + o.key() + " (" + o.method() + " " + o.template() + ")");
            }
        });
        byKey.forEach((key, numbers) -> {
            if (!operations.containsKey(key)) {
                problems.add("matrix line(s) " + numbers + " name an operation the OpenAPI documents do not have: " + key);
            } else if (numbers.size() > 1) {
                problems.add("operation " + key + " has several matrix lines: " + numbers);
            }
        });
        for (Line l : lines) {
            Operation o = operations.get(l.key());
            if (o == null) {
                continue;
            }
            if (!o.method().equals(l.method())) {
                problems.add("line " + l.number() + ": " + l.key() + " is " + o.method() + ", the line says " + l.method());
            }
            String path = l.target().split("\\?", 2)[0];
            if (!OpenApiDocs.templateRegex(o.template()).matcher(path).matches()) {
                problems.add("line " + l.number() + ": " + path + " does not match " + o.template());
            }
            if (!l.isPublic() && l.roles().isEmpty()) {
                problems.add("line " + l.number() + ": no roles and not public");
            }
            boolean callerFits = l.isPublic() ? l.caller().equals("anonymous")
                    : PRINCIPALS.containsKey(l.caller()) && PRINCIPALS.get(l.caller()).stream().anyMatch(l.roles()::contains);
            if (!callerFits) {
                problems.add("line " + l.number() + ": the in-scope caller " + l.caller() + " holds none of " + l.roles());
            }
            if (!Set.of("org", "self", "partner", "public", "none").contains(l.scope())) {
                problems.add("line " + l.number() + ": unknown scope kind " + l.scope());
            }
        }
        assertThat(problems).as("matrix vs OpenAPI documents").isEmpty();
    }

    /**
     * Issue 20, item 1: a partner operation (served below {@code /partner/}, or tagged "Partner ...": feeds, webhooks,
     * partner imports) admits only partner roles and admin, as the service serves its roles ({@code x-roles}); and its
     * matrix line names exactly those roles, so the wrong-role case runs officer.gucun against it and expects 403.
     * A town officer once read the whole country's membership changes through a partner feed.
     */
    @Test
    @Order(1)
    void partnerOperationsAdmitOnlyPartnerRolesAndAdmin() {
        Map<String, Line> byKey = new TreeMap<>();
        lines.forEach(l -> byKey.put(l.key(), l));
        Map<String, Integer> perService = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Operation o : operations.values()) {
            if (!isPartnerOperation(o)) {
                continue;
            }
            perService.merge(o.service(), 1, Integer::sum);
            Set<String> served = new java.util.TreeSet<>();
            o.node().path("x-roles").forEach(r -> served.add(r.asText()));
            if (served.isEmpty()) {
                problems.add(o.key() + ": a partner operation without x-roles");
            }
            served.stream().filter(r -> !r.startsWith("partner-") && !r.equals("admin"))
                    .forEach(r -> problems.add(o.key() + ": a partner operation admits " + r));
            Line l = byKey.get(o.key());
            if (l != null && !l.roles().equals(served)) {
                problems.add("line " + l.number() + ": " + o.key() + " names roles " + l.roles() + ", the service serves " + served);
            }
            if (l != null && !l.scope().equals("partner")) {
                problems.add("line " + l.number() + ": " + o.key() + " is a partner operation with scope kind " + l.scope());
            }
        }
        assertThat(perService.keySet()).as("services with partner operations").containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(problems).as("partner operations").isEmpty();
    }

    /** Whether the served document places the operation among the partner operations: its path or its tag. */
    static boolean isPartnerOperation(Operation o) {
        if (o.template().startsWith("/partner/")) {
            return true;
        }
        for (JsonNode tag : o.node().path("tags")) {
            if (tag.asText().startsWith("Partner ")) {
                return true;
            }
        }
        return false;
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyOperationAnswersEachCaseAsTheMatrixSays() {
        return lines.stream()
                .filter(l -> operations.containsKey(l.key()))
                .map(l -> DynamicTest.dynamicTest(l.key() + " (line " + l.number() + ")", () -> run(l)));
    }

    private void run(Line line) {
        Tally tally = tallies.computeIfAbsent(line.service(), s -> new Tally());
        List<String> failures = new ArrayList<>();
        synchronized (tally) {
            tally.operations++;
        }
        String target = line.target();
        // (a) no token
        if (!line.isPublic()) {
            Api.Response r = call(line, null, target);
            check(failures, "no token", r, Set.of(401), true);
            synchronized (tally) {
                tally.noToken++;
            }
        }
        // (b) every principal holding none of the allowed roles
        if (!line.isPublic()) {
            for (String who : WRONG_ROLE_CANDIDATES) {
                if (PRINCIPALS.get(who).stream().noneMatch(line.roles()::contains)) {
                    Api.Response r = call(line, token(who), target);
                    check(failures, "wrong role " + who, r, Set.of(403), true);
                    synchronized (tally) {
                        tally.wrongRole++;
                    }
                }
            }
        }
        // (c) an allowed role outside its scope
        List<String> outcomes = new ArrayList<>();
        for (OutOfScope c : line.outOfScope()) {
            assertThat(PRINCIPALS.get(c.caller()).stream().anyMatch(line.roles()::contains))
                    .as("line %d: out-of-scope caller %s must hold an allowed role", line.number(), c.caller()).isTrue();
            Api.Response r = call(line, token(c.caller()), c.target() == null ? target : c.target());
            check(failures, "out of scope " + c.caller(), r, c.statuses(), true);
            outcomes.add(c.caller() + " " + r.status());
            synchronized (tally) {
                tally.outOfScope++;
            }
        }
        // (d) an allowed role inside its scope
        String inScopeToken = line.caller().equals("anonymous") ? null : token(line.caller());
        Api.Response first = call(line, inScopeToken, target);
        // A read whose captures are made by events (a webhook delivery after a listing) may have to wait for them.
        Api.Response r = line.method().equals("GET") && !line.captures().isEmpty() && first.status() / 100 == 2
                && !capturesPresent(line, first)
                ? api.await(() -> call(line, inScopeToken, target), a -> a.status() / 100 == 2 && capturesPresent(line, a),
                        Duration.ofSeconds(30))
                : first;
        boolean authorizedOnly = line.expect().equals("authorized");
        if (authorizedOnly) {
            check(failures, "in scope " + line.caller() + " (authorized)", r, Set.of(400, 409, 422), true);
        } else if (line.expect().equals("2xx")) {
            if (r.status() / 100 != 2) {
                failures.add("in scope " + line.caller() + ": expected 2xx, got " + brief(r));
            }
        } else {
            check(failures, "in scope " + line.caller(), r, Set.of(Integer.parseInt(line.expect())), false);
        }
        boolean inScopePassed = failures.stream().noneMatch(f -> f.startsWith("in scope"));
        if (inScopePassed && !authorizedOnly) {
            line.captures().forEach((name, pointer) -> {
                JsonNode v = r.json().at(pointer);
                if (v.isMissingNode() || v.isNull()) {
                    failures.add("capture " + name + "=" + pointer + " found nothing in " + brief(r));
                } else {
                    fixtures.vars().put(name, v.asText());
                }
            });
        }
        synchronized (tally) {
            if (line.isPublic()) {
                tally.publicOps++;
            }
            if (r.status() / 100 == 2) {
                tally.inScope2xx++;
            } else if (authorizedOnly) {
                tally.inScopeAuthorized++;
            }
            if (!failures.isEmpty()) {
                tally.failures++;
            }
        }
        System.out.printf("[matrix] %-10s %-34s %s%n", line.service(), line.operationId(),
                failures.isEmpty() ? "ok (in scope " + r.status() + (outcomes.isEmpty() ? "" : "; out of scope " + outcomes) + ")"
                        : "FAILED " + failures);
        assertThat(failures).as("line %d: %s %s", line.number(), line.method(), line.target()).isEmpty();
    }

    private static boolean capturesPresent(Line line, Api.Response r) {
        return line.captures().values().stream().map(p -> r.json().at(p)).noneMatch(v -> v.isMissingNode() || v.isNull());
    }

    private void check(List<String> failures, String what, Api.Response r, Set<Integer> expected, boolean problemJson) {
        if (!expected.contains(r.status())) {
            failures.add(what + ": expected " + expected + ", got " + brief(r));
        } else if (problemJson && !String.valueOf(r.header("Content-Type")).startsWith("application/problem+json")) {
            failures.add(what + ": " + r.status() + " without application/problem+json (" + r.header("Content-Type") + ")");
        }
    }

    private static String brief(Api.Response r) {
        String body = r.body() == null ? "" : r.body();
        return r.status() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }

    private String token(String who) {
        return who.startsWith("partner-") ? api.partner(who) : api.user(who);
    }

    private Api.Response call(Line line, String token, String target) {
        MatrixLines.Sample s = MatrixLines.sample(line, fixtures, target);
        Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        return api.sendTo(stack.gatewayUrl(), s.method(), s.path(), token, s.contentType(), s.body(), headers);
    }

    /**
     * Issue 8, item 3: a service validates tokens itself and refuses one issued to another audience. {@code admin-cli}
     * is a client every Keycloak realm has, without the {@code union-api} audience mapper: its token is genuine
     * and signed by the realm for a real user, yet it is not meant for the union API.
     */
    @Test
    @Order(3)
    void servicesRefuseATokenIssuedForAnotherAudience() {
        String foreign = Tokens.password(stack.tokenUrl(), "admin-cli", "admin", "admin-dev");
        assertThat(Tokens.payloadJson(foreign)).doesNotContain("union-api");
        // Were such a token accepted, the service would answer 403 (admin-cli tokens carry no union roles): 401 says
        // that the token itself is refused.
        for (String service : SERVICES) {
            String base = stack.serviceUrls(service).getFirst();
            String path = PROBES.get(service);
            Api.Response ours = api.sendTo(base, "GET", path, api.user("admin"), null, null, Map.of());
            assertThat(ours.status()).as("the union-api token works directly on %s: %s", service, ours).isEqualTo(200);
            Api.Response theirs = api.sendTo(base, "GET", path, foreign, null, null, Map.of());
            assertThat(theirs.status()).as("another audience's token directly on %s: %s", service, theirs).isEqualTo(401);
            Api.Response viaGateway = api.get(foreign, path);
            assertThat(viaGateway.status()).as("another audience's token at the gateway: %s", viaGateway).isEqualTo(401);
        }
    }

    /**
     * Every service checks tokens itself, so a request that gets past the gateway (or around it) with a forged, altered,
     * expired or foreign token is refused by the service too: 401 problem+json, for each service.
     */
    @Test
    void servicesThemselvesRefuseForgedAlteredExpiredAndForeignRealmTokens() throws Exception {
        String genuine = api.user("admin");
        String[] part = genuine.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(part[1]), StandardCharsets.UTF_8);
        long exp = ((Number) Tokens.claims(genuine).get("exp")).longValue();

        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("alg: none", b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + part[1] + ".");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(rsa.generateKeyPair().getPrivate());
        sign.update((part[0] + "." + part[1]).getBytes(StandardCharsets.US_ASCII));
        tampered.put("signed with another key (the realm key's kid)", part[0] + "." + part[1] + "." + b64.encodeToString(sign.sign()));
        String longer = payload.replace("\"exp\":" + exp, "\"exp\":" + (exp + 86_400));
        assertThat(longer).isNotEqualTo(payload);
        tampered.put("claims altered under the genuine signature", part[0] + "."
                + b64.encodeToString(longer.getBytes(StandardCharsets.UTF_8)) + "." + part[2]);
        tampered.put("another realm (master)", Tokens.password(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                "admin-cli", KeycloakServer.DEFAULT_ADMIN_USERNAME, KeycloakServer.DEFAULT_ADMIN_PASSWORD));
        String shortLived = shortLivedToken("admin", 5);

        for (String service : SERVICES) {
            String base = stack.serviceUrls(service).getFirst();
            String path = PROBES.get(service);
            assertThat(api.sendTo(base, "GET", path, genuine, null, null, Map.of()).status()).as(service).isEqualTo(200);
            assertThat(api.sendTo(base, "GET", path, shortLived, null, null, Map.of()).status())
                    .as("a 5 s token before it expires, on %s", service).isEqualTo(200);
            tampered.forEach((how, token) -> {
                Api.Response r = api.sendTo(base, "GET", path, token, null, null, Map.of());
                assertThat(r.status()).as("%s directly on %s: %s", how, service, r).isEqualTo(401);
                assertThat(String.valueOf(r.header("Content-Type"))).as("%s on %s", how, service).startsWith("application/problem+json");
            });
        }
        long expires = ((Number) Tokens.claims(shortLived).get("exp")).longValue();
        Thread.sleep(Math.max(0, (expires + 2) * 1000 - System.currentTimeMillis()));
        for (String service : SERVICES) {
            Api.Response r = api.sendTo(stack.serviceUrls(service).getFirst(), "GET", PROBES.get(service), shortLived, null, null,
                    Map.of());
            assertThat(r.status()).as("an expired token directly on %s: %s", service, r).isEqualTo(401);
        }
        assertThat(api.get(shortLived, PROBES.get("membership")).status()).as("an expired token at the gateway").isEqualTo(401);
    }

    /**
     * A genuine token of the union realm that expires after {@code seconds}: issued through a client of its own (created
     * here with the admin API, with the union-api audience), so no other test's tokens change.
     */
    private String shortLivedToken(String user, int seconds) throws Exception {
        String admin = Tokens.password(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token", "admin-cli",
                KeycloakServer.DEFAULT_ADMIN_USERNAME, KeycloakServer.DEFAULT_ADMIN_PASSWORD);
        String client = "short-lived-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"clientId":"%s","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                 "attributes":{"access.token.lifespan":"%d"},
                 "protocolMappers":[{"name":"union-api audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                   "config":{"included.custom.audience":"union-api","access.token.claim":"true","id.token.claim":"false"}},
                  {"name":"org_path","protocol":"openid-connect","protocolMapper":"oidc-usermodel-attribute-mapper",
                   "config":{"user.attribute":"org_path","claim.name":"org_path","jsonType.label":"String","access.token.claim":"true"}}]}"""
                .formatted(client, seconds);
        Api.Response created = api.sendTo(stack.keycloakUrl(), "POST", "/admin/realms/union/clients", admin, "application/json", body,
                Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = Tokens.password(stack.tokenUrl(), client, user, user + "-dev");
        assertThat(((Number) Tokens.claims(token).get("exp")).longValue() - ((Number) Tokens.claims(token).get("iat")).longValue())
                .isEqualTo(seconds);
        return token;
    }

    /**
     * Case (c) for the lists that filter by scope instead of refusing: what lies outside the caller's scope is not in
     * the page. Runs after the matrix, on the fixtures it created and captured.
     */
    @Test
    @Order(4)
    void listsShowOnlyWhatLiesInTheCallersScope() {
        Map<String, String> v = fixtures.vars();
        assertThat(ids("officer.beijing", "/api/rights/cases?size=200")).doesNotContain(v.get("case"), v.get("liCase"));
        assertThat(ids("officer.gucun", "/api/rights/cases?size=200")).contains(v.get("case"), v.get("liCase"));
        assertThat(ids("worker.li", "/api/rights/cases?size=200")).contains(v.get("liCase")).doesNotContain(v.get("case"));
        assertThat(ids("lawyer.wang", "/api/rights/cases?size=200")).contains(v.get("case")).doesNotContain(v.get("liCase"));
        assertThat(ids("officer.beijing", "/api/dues/rebate-policies?size=200")).doesNotContain(v.get("rebatePolicy"));
        assertThat(ids("officer.gucun", "/api/dues/rebate-policies?size=200")).contains(v.get("rebatePolicy"));
        assertThat(ids("officer.gucun", "/api/dues/collection-imports?size=200")).doesNotContain(v.get("collectionImport"));
        assertThat(ids("partner-tax", "/api/dues/collection-imports?size=200")).contains(v.get("collectionImport"));
        assertThat(ids("partner-social-insurance", "/api/outreach/imports?size=200")).contains(v.get("siImport"))
                .doesNotContain(v.get("taxImport"));
        assertThat(ids("officer.beijing", "/api/outreach/sites?size=200")).doesNotContain(v.get("site"));
    }

    /** The ids of a page's items (or of a bare array). */
    private List<String> ids(String who, String path) {
        Api.Response r = api.get(token(who), path);
        assertThat(r.status()).as("%s as %s", r, who).isEqualTo(200);
        JsonNode items = r.json().has("items") ? r.json().get("items") : r.json();
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @AfterAll
    void summary() throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("\nAuthorization matrix (").append(operations.size()).append(" operations in the OpenAPI documents, ")
                .append(lines.size()).append(" matrix lines, ")
                .append((System.nanoTime() - started) / 1_000_000_000).append(" s incl. fixtures)\n");
        s.append(String.format("%-11s %5s %9s %10s %12s %9s %14s %7s %8s%n", "service", "ops", "no token",
                "wrong role", "out of scope", "in 2xx", "in authorized", "public", "failed"));
        Tally total = new Tally();
        for (String service : SERVICES) {
            Tally t = tallies.getOrDefault(service, new Tally());
            s.append(String.format("%-11s %5d %9d %10d %12d %9d %14d %7d %8d%n", service, t.operations, t.noToken,
                    t.wrongRole, t.outOfScope, t.inScope2xx, t.inScopeAuthorized, t.publicOps, t.failures));
            total.operations += t.operations;
            total.noToken += t.noToken;
            total.wrongRole += t.wrongRole;
            total.outOfScope += t.outOfScope;
            total.inScope2xx += t.inScope2xx;
            total.inScopeAuthorized += t.inScopeAuthorized;
            total.publicOps += t.publicOps;
            total.failures += t.failures;
        }
        s.append(String.format("%-11s %5d %9d %10d %12d %9d %14d %7d %8d%n", "total", total.operations, total.noToken,
                total.wrongRole, total.outOfScope, total.inScope2xx, total.inScopeAuthorized, total.publicOps,
                total.failures));
        int cases = total.noToken + total.wrongRole + total.outOfScope + total.operations;
        s.append("cases run: ").append(cases).append('\n');
        System.out.println(s);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "authorization-matrix-summary.txt"), s.toString());
    }
}
