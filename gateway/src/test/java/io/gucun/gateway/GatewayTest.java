package io.gucun.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.gateway.proxy.UpstreamHealthProber;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    UpstreamHealthProber prober;

    @ConfigProperty(name = "fake.control-url")
    String controlUrl;

    @TestHTTPResource("/")
    URL gateway;

    // --- authentication ------------------------------------------------------------------------------------------

    @Test
    void noTokenIsRejectedWithProblem() {
        given().get("/api/membership/members")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("X-Request-Id", matchesPattern(UUID))
                .body("status", equalTo(401))
                .body("type", equalTo("urn:gucun:problem:unauthorized"))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", equalTo("/api/membership/members"))
                .body("requestId", matchesPattern(UUID));
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        given().auth().oauth2(Tokens.withAudience("some-other-api"))
                .get("/api/membership/members")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .body("status", equalTo(401))
                .body("requestId", notNullValue());
    }

    @Test
    void expiredForeignForgedAndUnsignedTokensAreRejectedBeforeReachingAService() throws Exception {
        int before = reached("m1");
        for (String token : List.of(Tokens.expired(), Tokens.ofAnotherRealm(), Tokens.signedWithAnotherKey(),
                Tokens.unsigned())) {
            given().auth().oauth2(token)
                    .get("/api/membership/members")
                    .then().statusCode(401)
                    .contentType(PROBLEM)
                    .body("type", equalTo("urn:gucun:problem:unauthorized"));
        }
        assertThat(reached("m1")).isEqualTo(before);
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItExpiresAndATamperedCopyNever() throws Exception {
        Instant expiry = Instant.now().plusSeconds(6);
        String token = Tokens.expiringAt(expiry);
        for (int i = 0; i < 2; i++) { // the second call meets the token among the verified ones
            given().auth().oauth2(token).get("/api/membership/ping").then().statusCode(200);
        }
        // the same signature over other claims (another client id): must not pass as the verified token
        String[] parts = token.split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("union-web", "union-wex")
                .getBytes(StandardCharsets.UTF_8));
        int before = reached("m1");
        given().auth().oauth2(parts[0] + "." + otherClaims + "." + parts[2]).get("/api/membership/ping")
                .then().statusCode(401).contentType(PROBLEM);
        assertThat(reached("m1")).isEqualTo(before);

        // past exp (whole seconds): no longer valid, remembered or not
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 1500);
        given().auth().oauth2(token).get("/api/membership/ping")
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo("urn:gucun:problem:unauthorized"));
    }

    @Test
    void unknownRoutesAndPathTricksAre404sThatReachNoService() throws Exception {
        int before = reached("m1");
        HttpClient client = http(HttpClient.Version.HTTP_1_1);
        String base = gateway.toString().replaceAll("/$", "");
        for (String path : List.of("/api/membershipx/members", "/api/membership/../unknown/x", "/api/%2e%2e/membership/members",
                "/api/membership/%2e%2e/%2e%2e/admin", "/api/unknown/x", "/api/")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + Tokens.forClient("union-web"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + " -> " + r.body()).isIn(400, 404);
        }
        assertThat(reached("m1")).isEqualTo(before);
    }

    /** Requests that reached a fake upstream so far. */
    private int reached(String upstream) throws Exception {
        HttpResponse<String> r = http(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(
                URI.create(controlUrl + "/count/" + upstream)).build(), HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(r.body().trim());
    }

    @Test
    void garbageTokenIsRejected() {
        given().auth().oauth2("not-a-jwt")
                .get("/api/dues/accounts")
                .then().statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void validTokenIsProxiedWithPathQueryAndAuthorizationUnchanged() {
        String token = Tokens.forClient("union-web");
        given().auth().oauth2(token)
                .header("X-Request-Id", "abc.DEF_123-xyz")
                .get("/api/membership/members/42/cards?status=active&page=2")
                .then().statusCode(200)
                .header("X-Request-Id", "abc.DEF_123-xyz")
                .body("server", equalTo("m1"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/membership/members/42/cards?status=active&page=2"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.x-request-id", equalTo("abc.DEF_123-xyz"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"));
    }

    @Test
    void bodiesAreForwarded() {
        given().auth().oauth2(Tokens.forClient("union-web"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post("/api/membership/members")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(12))
                .body("headers.content-type", containsString("application/json"));
    }

    @Test
    void publicTransparencyEndpointsNeedNoToken() {
        given().get("/api/dues/public/collections/2025")
                .then().statusCode(200)
                .body("uri", equalTo("/api/dues/public/collections/2025"))
                .body("headers.authorization", nullValue());
    }

    @Test
    void dotSegmentsCannotSneakPastTheTokenCheck() throws Exception {
        HttpClient client = http(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(
                URI.create(gateway.toString().replaceAll("/$", "") + "/api/membership/public/../members?x=1"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> authorized = client.send(HttpRequest.newBuilder(
                URI.create(gateway.toString().replaceAll("/$", "") + "/api/membership/public/../members?x=1"))
                .header("Authorization", "Bearer " + Tokens.forClient("union-web"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.body()).contains("\"uri\":\"/api/membership/members?x=1\"");
    }

    // --- request id ----------------------------------------------------------------------------------------------

    @Test
    void requestIdIsGeneratedWhenMissingAndForwarded() {
        Response response = given().auth().oauth2(Tokens.forClient("union-web"))
                .get("/api/membership/ping");
        response.then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
        assertThat(response.jsonPath().getString("headers.x-request-id")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void malformedRequestIdIsReplaced() {
        given().auth().oauth2(Tokens.forClient("union-web"))
                .header("X-Request-Id", "a".repeat(65))
                .get("/api/membership/ping")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID));
        given().auth().oauth2(Tokens.forClient("union-web"))
                .header("X-Request-Id", "bad id; drop table")
                .get("/api/membership/ping")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID));
    }

    // --- routing, failover, errors -------------------------------------------------------------------------------

    @Test
    void unknownPathIsA404Problem() {
        given().header("X-Request-Id", "req-404")
                .get("/nothing/here?secret=1")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .header("X-Request-Id", "req-404")
                .body("status", equalTo(404))
                .body("instance", equalTo("/nothing/here"))
                .body("requestId", equalTo("req-404"));
    }

    @Test
    void requestsAreBalancedAndSurviveAnInstanceGoingDown() throws Exception {
        String token = Tokens.forClient("union-web");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            seen.add(given().auth().oauth2(token).get("/api/dues/accounts").then().statusCode(200)
                    .extract().path("server"));
        }
        assertThat(seen).containsExactlyInAnyOrder("d1", "d2");

        // d2 dies; the health check has not noticed (interval 1 h in tests): connection failures must be absorbed.
        http(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(URI.create(controlUrl + "/stop/d2"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(token).get("/api/dues/accounts").then().statusCode(200).body("server", equalTo("d1"));
        }
        // A non-idempotent request with an Idempotency-Key is retried as well.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).header("Idempotency-Key", "k-" + i).contentType(ContentType.JSON).body("{}")
                    .post("/api/dues/payments").then().statusCode(200).body("server", equalTo("d1"));
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'gateway-upstreams' }.data['dues.healthy']", equalTo(1))
                .body("checks.find { it.name == 'gateway-upstreams' }.data['dues.total']", equalTo(2));
    }

    @Test
    void allInstancesDownIsA503Problem() {
        given().auth().oauth2(Tokens.forClient("union-web"))
                .get("/api/rights/cases")
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(503))
                .body("type", equalTo("urn:gucun:problem:upstream-unavailable"))
                .body("requestId", notNullValue())
                .body("instance", equalTo("/api/rights/cases"));
    }

    @Test
    void healthCheckMarksUnreachableInstancesDown() throws Exception {
        prober.probeAll().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway-upstreams' }.data['rights.healthy']", equalTo(0))
                .body("checks.find { it.name == 'gateway-upstreams' }.data['rights.total']", equalTo(2))
                .body("checks.find { it.name == 'gateway-upstreams' }.data['membership.healthy']", equalTo(1));
    }

    @Test
    void requestsOverARoutesInFlightBoundAre503AtOnceAndProbesStillGetThrough() throws Exception {
        String token = Tokens.forClient("union-web");
        given().auth().oauth2(token).get("/api/burst/warm-up").then().statusCode(200);
        int before = count("b1");
        // four requests the service answers slowly: the route's bound (4) is reached, and so are the gateway's four
        // connections to b1 (max-connections-per-upstream in %test)
        HttpClient client = http(HttpClient.Version.HTTP_1_1);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(client.sendAsync(HttpRequest.newBuilder(gateway.toURI().resolve("/api/burst/trickle/" + i))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("b1") < before + 4) {
            assertThat(System.nanoTime()).as("the four slow requests reach b1").isLessThan(deadline);
            Thread.sleep(20);
        }

        long start = System.nanoTime();
        Response refused = given().auth().oauth2(token).get("/api/burst/members");
        // refused without waiting for a connection (the slow ones hold theirs for 6 s)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        refused.then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", equalTo("1"))
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(503))
                .body("type", equalTo("urn:gucun:problem:gateway-busy"))
                .body("instance", equalTo("/api/burst/members"))
                .body("requestId", notNullValue());
        assertThat(count("b1")).as("the refused request never reached the service").isEqualTo(before + 4);

        // every proxy connection to b1 is taken: the probe has connections of its own and finds b1 healthy
        prober.probeAll().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'gateway-upstreams' }.data['burst.healthy']", equalTo(1));

        for (CompletableFuture<HttpResponse<String>> r : held) {
            assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // the slots are given back when the responses end
        given().auth().oauth2(token).get("/api/burst/members").then().statusCode(200).body("server", equalTo("b1"));
    }

    private int count(String upstream) throws Exception {
        return Integer.parseInt(http(HttpClient.Version.HTTP_1_1).send(HttpRequest.newBuilder(URI.create(controlUrl + "/count/"
                + upstream)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void slowUpstreamIsA504Problem() {
        String token = Tokens.forClient("union-web");
        // The bound below is about the upstream timeout: the first authenticated request of a run (lazy start-up of
        // the security beans, 70 s once on a machine at load 66) must not count against it.
        given().auth().oauth2(token).get("/api/outreach/fast").then().statusCode(200);
        long start = System.nanoTime();
        given().auth().oauth2(token)
                .get("/api/outreach/slow/report")
                .then().statusCode(504)
                .contentType(PROBLEM)
                .body("status", equalTo(504))
                .body("type", equalTo("urn:gucun:problem:upstream-timeout"))
                .body("requestId", notNullValue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8)); // upstream takes 10 s
        given().auth().oauth2(Tokens.forClient("union-web"))
                .get("/api/outreach/fast").then().statusCode(200);
    }

    // --- limits ---------------------------------------------------------------------------------------------------

    @Test
    void bodyOverTheLimitIsA413Problem() {
        given().auth().oauth2(Tokens.forClient("union-web"))
                .contentType(ContentType.JSON)
                .body("x".repeat(5_000))
                .post("/api/membership/members/import")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(413))
                .body("type", equalTo("urn:gucun:problem:payload-too-large"))
                .body("requestId", notNullValue());
    }

    @Test
    void partnerBulkUploadsHaveTheirOwnLargerLimit() throws Exception {
        // 20 KB is over the usual 4K test limit but within the 64K one for bulk upload paths, declared or chunked.
        given().auth().oauth2(Tokens.forClient("union-web"))
                .contentType("text/csv").body("x".repeat(20_000))
                .post("/api/outreach/imports/social-insurance")
                .then().statusCode(200).body("bodyLength", equalTo(20_000));
        assertThat(postStream(HttpClient.Version.HTTP_1_1, 20_000, "/api/outreach/imports/tax").statusCode()).isEqualTo(200);
        given().auth().oauth2(Tokens.forClient("union-web"))
                .contentType("text/csv").body("x".repeat(70_000))
                .post("/api/outreach/imports/social-insurance")
                .then().statusCode(413).contentType(PROBLEM);
        assertThat(postStream(HttpClient.Version.HTTP_1_1, 70_000, "/api/outreach/imports/tax").statusCode()).isEqualTo(413);
        // Elsewhere in the same service the usual limit holds.
        given().auth().oauth2(Tokens.forClient("union-web"))
                .contentType(ContentType.JSON).body("x".repeat(5_000))
                .post("/api/outreach/sites")
                .then().statusCode(413);
    }

    @Test
    void chunkedBodyOverTheLimitIsA413Problem() throws Exception {
        HttpResponse<String> response = postStream(HttpClient.Version.HTTP_1_1, 20_000);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).contains("\"status\":413").contains("\"requestId\"");
    }

    @Test
    void chunkedBodyUnderTheLimitPasses() throws Exception {
        HttpResponse<String> response = postStream(HttpClient.Version.HTTP_1_1, 3_000);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bodyLength\":3000").contains("\"transfer-encoding\":\"chunked\"");
    }

    @Test
    void http2BodyWithoutLengthIsStreamedUpstream() throws Exception {
        postStream(HttpClient.Version.HTTP_2, 10); // the first request on a connection is the h2c upgrade
        HttpResponse<String> response = postStream(HttpClient.Version.HTTP_2, 3_000);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bodyLength\":3000");
        assertThat(postStream(HttpClient.Version.HTTP_2, 20_000).statusCode()).isEqualTo(413);
    }

    @Test
    void http2RequestsWithoutABodyReachTheServiceWithoutOne() throws Exception {
        HttpClient client = http(HttpClient.Version.HTTP_2);
        for (int i = 0; i < 2; i++) { // the first request on a connection is the h2c upgrade
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.toURI().resolve("/api/outreach/sites"))
                    .header("Authorization", "Bearer " + Tokens.forClient("union-web"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            // a service must not see an empty GET as a body of unknown length (chunked): some refuse those
            assertThat(response.body()).as("attempt " + i).doesNotContain("transfer-encoding").contains("\"bodyLength\":0");
        }
    }

    @Test
    void http2ErrorsAreAnsweredToo() throws Exception {
        HttpClient client = http(HttpClient.Version.HTTP_2);
        for (int i = 0; i < 2; i++) { // the first request on a connection is the h2c upgrade
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.toURI().resolve("/api/rights/cases"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + Tokens.forClient("union-web"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"status\":503");
        }
    }

    /** POSTs {@code size} bytes as a stream of unknown length (chunked on HTTP/1.1). */
    private HttpResponse<String> postStream(HttpClient.Version version, int size) throws Exception {
        return postStream(version, size, "/api/membership/members/import");
    }

    private HttpResponse<String> postStream(HttpClient.Version version, int size, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Tokens.forClient("union-web"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size])))
                .build();
        return http(version).send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient http(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void eachUserOfAPublicAppHasALimitOfTheirOwn() {
        String first = Tokens.forUser("rate-limited-web", "user-a"); // burst 3, 0.2/s, per user in %test
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(first).get("/api/membership/ping").then().statusCode(200);
        }
        given().auth().oauth2(first).get("/api/membership/ping").then().statusCode(429).header("Retry-After", notNullValue());
        // another person using the same app is not held back by the first
        given().auth().oauth2(Tokens.forUser("rate-limited-web", "user-b")).get("/api/membership/ping").then().statusCode(200);
    }

    @Test
    void clientOverItsRateLimitGets429WithRetryAfter() {
        String token = Tokens.forClient("rate-limited-app"); // burst 3, 0.2/s in %test
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/membership/ping").then().statusCode(200);
        }
        given().auth().oauth2(token).get("/api/membership/ping")
                .then().statusCode(429)
                .contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(429))
                .body("type", equalTo("urn:gucun:problem:rate-limited"))
                .body("requestId", notNullValue());
        // Other clients are not affected.
        given().auth().oauth2(Tokens.forClient("union-web")).get("/api/membership/ping").then().statusCode(200);
    }

    // --- CORS -------------------------------------------------------------------------------------------------------

    @Test
    void corsPreflightFromAllowedOriginIsAnswered() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/membership/members")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void corsFromUnknownOriginIsNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/membership/members")
                .then().header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
    }

    @Test
    void corsHeadersOnProxiedResponses() {
        given().auth().oauth2(Tokens.forClient("union-web"))
                .header("Origin", "http://localhost:5173")
                .get("/api/membership/ping")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    // --- console and documents ---------------------------------------------------------------------------------

    @Test
    void serviceDocumentIsProxiedWithoutToken() {
        given().get("/openapi/membership")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("info.title", equalTo("m1 API"))
                .body("x-query", equalTo("format=json"));
    }

    @Test
    void consoleLoadsAndListsEveryService() {
        given().get("/console/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/openapi/membership"))
                .body(containsString("/openapi/dues"))
                .body(containsString("/openapi/rights"))
                .body(containsString("/openapi/outreach"))
                .body(containsString("union-console"));
    }

    @Test
    void healthIsPublic() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsNameServicesNotPaths() {
        given().auth().oauth2(Tokens.forClient("union-web")).get("/api/membership/members/4711").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/api/membership/*\""))
                // the p99 of the dashboard and of alert GucunLatencyHigh comes from these buckets
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(not(containsString("/api/membership/members/4711")));
    }
}
