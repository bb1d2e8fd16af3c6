package io.gucun.infra.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gets access tokens from a Keycloak (or any OAuth 2) token endpoint, for tests, scripts and the local launcher. Uses
 * only {@code java.net.http}; JSON is read by a small built-in parser.
 *
 * <pre>{@code
 * String token = Tokens.password(keycloak.tokenUrl(), "union-app", "officer.gucun", "officer.gucun-dev");
 * String partner = Tokens.clientCredentials(keycloak.tokenUrl(), "partner-tax", "partner-tax-dev-secret");
 * Map<String, Object> claims = Tokens.claims(token);   // the payload, NOT verified
 * }</pre>
 */
public final class Tokens {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Text after the object is an error; integral numbers are read as Long whatever their size. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Tokens() {
    }

    /**
     * Resource-owner password grant (the client must allow direct access grants, e.g. {@code union-app}).
     *
     * @return the access token
     * @throws TokenRequestException if the endpoint refuses (wrong password, unknown client, ...), with its answer
     */
    public static String password(String tokenUrl, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        return accessToken(tokenUrl, form, "user '" + username + "' via client '" + clientId + "'");
    }

    /**
     * Client-credentials grant of a confidential client with a service account (e.g. {@code partner-tax}); the secret
     * is sent in the form body ({@code client_secret_post}).
     *
     * @return the access token
     * @throws TokenRequestException if the endpoint refuses, with its answer
     */
    public static String clientCredentials(String tokenUrl, String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return accessToken(tokenUrl, form, "client '" + clientId + "'");
    }

    /**
     * POSTs {@code form} (URL-encoded) to the token endpoint and returns the whole JSON answer (access_token,
     * refresh_token, id_token when {@code scope=openid}, expires_in, ...).
     *
     * @throws TokenRequestException on any status but 200, with the body
     * @throws UncheckedIOException if the endpoint cannot be reached
     */
    public static Map<String, Object> request(String tokenUrl, Map<String, String> form) {
        return post(tokenUrl, form, "grant '" + form.getOrDefault("grant_type", "?") + "'");
    }

    /**
     * The payload of a JWT (its middle part) as parsed JSON. The signature is <em>not</em> verified: this is for
     * looking at tokens in tests, never for trusting them.
     *
     * @throws IllegalArgumentException if {@code jwt} is not a JWS in compact form
     */
    public static Map<String, Object> claims(String jwt) {
        return parseObject(payloadJson(jwt));
    }

    /** The payload of a JWT as JSON text (not verified; see {@link #claims(String)}). */
    public static String payloadJson(String jwt) {
        if (jwt == null) {
            throw new IllegalArgumentException("No token (null)");
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a JWT: expected 3 dot-separated parts, got " + parts.length);
        }
        try {
            return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a JWT: the payload is not base64url", e);
        }
    }

    /** The realm roles of a Keycloak access token ({@code realm_access.roles}); empty if it has none. */
    public static List<String> realmRoles(String jwt) {
        Object realmAccess = claims(jwt).get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof List<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static String accessToken(String tokenUrl, Map<String, String> form, String who) {
        Map<String, Object> answer = post(tokenUrl, form, who);
        Object token = answer.get("access_token");
        if (!(token instanceof String s) || s.isEmpty()) {
            throw new TokenRequestException("Token endpoint " + tokenUrl + " answered 200 for " + who
                    + " but without an access_token: " + answer.keySet(), 200, String.valueOf(answer));
        }
        return s;
    }

    private static Map<String, Object> post(String tokenUrl, Map<String, String> form, String who) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the token endpoint " + tokenUrl + " (is Keycloak running?): "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while requesting a token from " + tokenUrl, e);
        }
        String body = response.body();
        if (response.statusCode() != 200) {
            throw new TokenRequestException("Token request for " + who + " to " + tokenUrl + " failed: HTTP "
                    + response.statusCode() + " " + abbreviate(body), response.statusCode(), body);
        }
        try {
            return parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new TokenRequestException("Token endpoint " + tokenUrl + " answered 200 for " + who
                    + " but not with a JSON object: " + abbreviate(body), 200, body);
        }
    }

    /**
     * One JSON object that makes up the whole of {@code json}: nested objects as maps, arrays as lists.
     *
     * @throws IllegalArgumentException if it is not JSON, or not an object
     */
    static Map<String, Object> parseObject(String json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + " ...";
    }

    /** The token endpoint said no: {@link #statusCode()} and {@link #body()} hold its answer. */
    public static final class TokenRequestException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        private final int statusCode;
        private final transient String body;

        public TokenRequestException(String message, int statusCode, String body) {
            super(message);
            this.statusCode = statusCode;
            this.body = body;
        }

        /** Keycloak 26 answers 400 ({@code invalid_grant}) to a wrong password, 401 to bad secrets. */
        public int statusCode() {
            return statusCode;
        }

        /** The response body as received (Keycloak: {@code {"error":...,"error_description":...}}). */
        public String body() {
            return body;
        }
    }
}
