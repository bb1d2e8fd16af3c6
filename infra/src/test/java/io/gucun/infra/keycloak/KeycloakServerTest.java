package io.gucun.infra.keycloak;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts a real Keycloak with {@code deploy/keycloak/union-realm.json} and checks what the services rely on: issuer,
 * audience, realm roles and the {@code org_path} claim, for users and for partner service accounts.
 *
 * <p>About 45 s in a fresh temporary home (Keycloak builds itself once, then imports the realm). Skip with
 * {@code -DexcludedGroups=keycloak}; reuse a home across runs (about 20 s) with
 * {@code -Dgucun.keycloak.test-home=<dir>}.
 */
@Tag("keycloak")
class KeycloakServerTest {

    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @TempDir
    static Path tmp;

    static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        String reused = System.getProperty("gucun.keycloak.test-home");
        Path home = reused != null && !reused.isBlank() ? Path.of(reused) : tmp.resolve("keycloak");
        keycloak = KeycloakServer.builder().home(home).start();
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak == null) {
            return;
        }
        long pid = keycloak.pid();
        keycloak.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("Keycloak JVM %d still alive after close()", pid).isFalse();
        assertThat(keycloak.isAlive()).isFalse();
    }

    @Test
    void officerTokenCarriesIssuerAudienceRolesAndOrgPath() {
        String token = Tokens.password(keycloak.tokenUrl(), "union-app", "officer.gucun", "officer.gucun-dev");

        Map<String, Object> claims = Tokens.claims(token);
        assertThat(keycloak.issuerUrl()).isEqualTo("http://localhost:" + keycloak.httpPort() + "/realms/union");
        assertThat(claims.get("iss")).isEqualTo(keycloak.issuerUrl());
        assertThat(audience(claims)).contains("union-api");
        assertThat(Tokens.realmRoles(token)).contains("officer").doesNotContain("admin", "member");
        assertThat(claims.get("org_path")).isEqualTo("1.3.4.5");
        assertThat(claims.get("preferred_username")).isEqualTo("officer.gucun");
        assertThat(claims.get("azp")).isEqualTo("union-app");
    }

    @Test
    void everyDemoUserHasItsRolesAndOrgPath() {
        record Demo(String user, String orgPath, List<String> roles) {
        }
        for (Demo d : List.of(
                new Demo("admin", "1", List.of("admin", "officer")),
                new Demo("officer.beijing", "1.2", List.of("officer")),
                new Demo("worker.li", "1.3.4.5", List.of("member")),
                new Demo("lawyer.wang", "1.3.4", List.of("lawyer")))) {
            String token = Tokens.password(keycloak.tokenUrl(), "union-app", d.user(), d.user() + "-dev");
            assertThat(Tokens.claims(token).get("org_path")).as(d.user()).isEqualTo(d.orgPath());
            assertThat(Tokens.realmRoles(token)).as(d.user()).containsAll(d.roles());
        }
    }

    @Test
    void partnerServiceAccountsGetTheirRoleAndAudience() {
        String tax = Tokens.clientCredentials(keycloak.tokenUrl(), "partner-tax", "partner-tax-dev-secret");
        Map<String, Object> claims = Tokens.claims(tax);
        assertThat(claims.get("iss")).isEqualTo(keycloak.issuerUrl());
        assertThat(audience(claims)).contains("union-api");
        assertThat(Tokens.realmRoles(tax)).contains("partner-tax").doesNotContain("partner-social-insurance", "admin");
        assertThat(claims.get("azp")).isEqualTo("partner-tax");
        assertThat(claims.get("org_path")).isEqualTo("1");

        String social = Tokens.clientCredentials(keycloak.tokenUrl(), "partner-social-insurance",
                "partner-social-insurance-dev-secret");
        assertThat(Tokens.realmRoles(social)).contains("partner-social-insurance").doesNotContain("partner-tax");
    }

    @Test
    void wrongPasswordOrSecretFailsClearly() {
        assertThatThrownBy(() -> Tokens.password(keycloak.tokenUrl(), "union-app", "officer.gucun", "wrong"))
                .isInstanceOf(Tokens.TokenRequestException.class)
                .hasMessageContaining("officer.gucun")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("Invalid user credentials")
                .satisfies(e -> assertThat(((Tokens.TokenRequestException) e).statusCode()).isEqualTo(400));

        // A second quick failure must not lock the account (Keycloak's quick-login check is off in the realm).
        assertThatThrownBy(() -> Tokens.password(keycloak.tokenUrl(), "union-app", "officer.gucun", "wrong again"))
                .isInstanceOf(Tokens.TokenRequestException.class);
        assertThat(Tokens.password(keycloak.tokenUrl(), "union-app", "officer.gucun", "officer.gucun-dev"))
                .isNotBlank();

        assertThatThrownBy(() -> Tokens.clientCredentials(keycloak.tokenUrl(), "partner-tax", "wrong"))
                .isInstanceOf(Tokens.TokenRequestException.class)
                .hasMessageContaining("partner-tax")
                .hasMessageContaining("unauthorized_client");
    }

    @Test
    void consoleAndPartnersCannotUseThePasswordGrant() {
        assertThatThrownBy(() -> Tokens.password(keycloak.tokenUrl(), "union-console", "admin", "admin-dev"))
                .isInstanceOf(Tokens.TokenRequestException.class)
                .hasMessageContaining("unauthorized_client");
    }

    @Test
    void idTokenAndUserinfoCarryOrgPath() throws Exception {
        Map<String, Object> answer = Tokens.request(keycloak.tokenUrl(), Map.of(
                "grant_type", "password", "client_id", "union-app", "scope", "openid",
                "username", "worker.li", "password", "worker.li-dev"));
        assertThat(Tokens.claims((String) answer.get("id_token")).get("org_path")).isEqualTo("1.3.4.5");

        HttpResponse<String> userinfo = HTTP.send(HttpRequest.newBuilder(
                        URI.create(keycloak.issuerUrl() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + answer.get("access_token")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(Tokens.parseObject(userinfo.body()).get("org_path")).isEqualTo("1.3.4.5");
    }

    @Test
    void membersCannotChangeTheirOwnOrgPath() throws Exception {
        String token = Tokens.password(keycloak.tokenUrl(), "union-app", "worker.li", "worker.li-dev");
        String body = """
                {"username":"worker.li","email":"worker.li@gucun.example","firstName":"Wei","lastName":"Li",
                 "attributes":{"org_path":["1"]}}""";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuerUrl() + "/account/"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("read-only");

        String again = Tokens.password(keycloak.tokenUrl(), "union-app", "worker.li", "worker.li-dev");
        assertThat(Tokens.claims(again).get("org_path")).isEqualTo("1.3.4.5");
    }

    @Test
    void authorizationCodeFlowDemandsPkceS256AndKnownRedirects() throws Exception {
        // union-app: loopback redirect URIs on any port (RFC 8252), PKCE S256 required.
        assertThat(authorize("union-app", "http://localhost:5173/callback", null).statusCode()).isEqualTo(302);
        assertThat(location(authorize("union-app", "http://localhost:5173/callback", null)))
                .contains("error=invalid_request").contains("code_challenge_method");
        assertThat(location(authorize("union-app", "http://localhost:5173/callback", "plain")))
                .contains("error=invalid_request");
        assertThat(authorize("union-app", "http://localhost:5173/callback", "S256").statusCode()).isEqualTo(200);
        assertThat(authorize("union-app", "http://127.0.0.1:43210/cb", "S256").statusCode()).isEqualTo(200);
        assertThat(authorize("union-app", "http://evil.example/cb", "S256").statusCode()).isEqualTo(400);

        // union-console: only the gateway's port.
        assertThat(authorize("union-console", "http://localhost:8080/q/swagger-ui/oauth2-redirect.html", "S256")
                .statusCode()).isEqualTo(200);
        assertThat(authorize("union-console", "http://localhost:9999/q/swagger-ui/oauth2-redirect.html", "S256")
                .statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> authorize(String clientId, String redirectUri, String pkceMethod)
            throws Exception {
        String url = keycloak.issuerUrl() + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + (pkceMethod == null ? "" : "&code_challenge=" + CHALLENGE + "&code_challenge_method=" + pkceMethod);
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("(no Location; status " + response.statusCode() + ")");
    }

    /** {@code aud} is a string for one audience and an array for several. */
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        if (aud instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return aud == null ? List.of() : List.of(aud.toString());
    }
}
