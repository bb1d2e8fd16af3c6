package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.launcher.Stack;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API console as an administrator uses it: the gateway's Swagger UI lists every service's document, the
 * administrator logs in through Keycloak with authorization code + PKCE (as the page's "Authorize" button does, here
 * driven by an HTTP client instead of a browser), and the token the console gets calls every service.
 */
@ExtendWith(RealStack.class)
class ConsoleLoginIT {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    @Test
    void theConsoleListsEveryServiceAndEachDocumentRoutesThroughTheGateway(Api api) {
        Api.Response page = api.send("GET", "/console/", null, null, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        for (String service : Stack.SERVICES) {
            assertThat(page.body()).contains("/openapi/" + service);
            Api.Response doc = api.send("GET", "/openapi/" + service + "?format=json", null, null, null);
            assertThat(doc.status()).as(doc.request()).isEqualTo(200);
            JsonNode json = doc.json();
            assertThat(json.get("openapi").asText()).startsWith("3.");
            String base = json.at("/servers/0/url").asText("");
            // "Try it out" must reach the service through the gateway: server + path starts with /api/<service>
            json.get("paths").fieldNames().forEachRemaining(p ->
                    assertThat(base + p).as(service + " " + p).startsWith("/api/" + service + "/"));
        }
        assertThat(page.body()).contains("union-console");
    }

    @Test
    void anAdministratorLogsInWithPkceAndCallsEveryServiceWithTheConsolesToken(Api api) throws Exception {
        Stack stack = api.stack();
        Browser browser = new Browser();
        String redirect = stack.gatewayUrl() + "/console/oauth2-redirect.html";
        String verifier = randomUrlSafe(48);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = randomUrlSafe(16);
        String realm = stack.keycloakUrl() + "/realms/union/protocol/openid-connect";

        String authorize = realm + "/auth?" + form(Map.of("client_id", "union-console", "redirect_uri", redirect,
                "response_type", "code", "scope", "openid", "state", state, "code_challenge", challenge,
                "code_challenge_method", "S256"));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(authorize)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher action = FORM_ACTION.matcher(login.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();

        HttpResponse<String> afterLogin = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "admin", "password", "admin-dev")))));
        assertThat(afterLogin.statusCode()).as(afterLogin.body()).isEqualTo(302);
        URI back = URI.create(afterLogin.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(redirect);
        Map<String, String> query = parse(back.getRawQuery());
        assertThat(query.get("state")).isEqualTo(state);

        Map<String, String> exchange = new LinkedHashMap<>(Map.of("grant_type", "authorization_code",
                "code", query.get("code"), "redirect_uri", redirect, "client_id", "union-console"));
        // PKCE is required: the code alone is not enough
        HttpResponse<String> withoutVerifier = browser.send(tokenRequest(realm, exchange));
        assertThat(withoutVerifier.statusCode()).as(withoutVerifier.body()).isEqualTo(400);
        // ... and Keycloak spent the code on that refused exchange, so log in again for the real one
        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(URI.create(authorize)));
        assertThat(again.statusCode()).as("the Keycloak session cookie logs the admin in at once").isEqualTo(302);
        exchange.put("code", parse(URI.create(again.headers().firstValue("Location").orElseThrow()).getRawQuery()).get("code"));
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokens = browser.send(tokenRequest(realm, exchange));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String accessToken = Api.JSON.readTree(tokens.body()).get("access_token").asText();

        // the console's calls: one per service, through the gateway, as the logged-in administrator
        assertThat(api.get(accessToken, "/api/membership/orgs/1").status()).isEqualTo(200);
        assertThat(api.get(accessToken, "/api/dues/orgs/1/accounts").status()).isEqualTo(200);
        assertThat(api.get(accessToken, "/api/rights/cases").status()).isEqualTo(200);
        assertThat(api.get(accessToken, "/api/outreach/sites").status()).isEqualTo(200);
    }

    private static HttpRequest.Builder tokenRequest(String realm, Map<String, String> form) {
        return HttpRequest.newBuilder(URI.create(realm + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    }

    /**
     * Keeps Keycloak's cookies as a browser does for http://localhost, which browsers treat as a secure context (so
     * they send its {@code Secure} cookies); java.net's CookieManager would drop those over http.
     */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
                    cookies.remove(pair.substring(0, eq));
                } else {
                    cookies.put(pair.substring(0, eq), value);
                }
            }
            return response;
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
