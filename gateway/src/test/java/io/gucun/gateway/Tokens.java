package io.gucun.gateway;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;

/** Signed access tokens the WireMock OIDC server's keys validate (issuer https://server.example.com). */
final class Tokens {

    static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    static String forClient(String clientId) {
        return token(clientId, "union-api");
    }

    static String forUser(String clientId, String subject) {
        return Jwt.issuer(ISSUER).subject(subject).audience("union-api").claim("azp", clientId).claim("typ", "Bearer")
                .expiresIn(300).sign();
    }

    static String withAudience(String audience) {
        return token("union-web", audience);
    }

    /** Signed with the realm's key but already expired. */
    static String expired() {
        return Jwt.issuer(ISSUER).subject("2f1c6a52-member").audience("union-api").claim("azp", "union-web")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600)).sign();
    }

    /** Valid now, expired at {@code expiry}. */
    static String expiringAt(Instant expiry) {
        return Jwt.issuer(ISSUER).subject("2f1c6a52-member").audience("union-api").claim("azp", "union-web")
                .claim("typ", "Bearer").expiresAt(expiry).sign();
    }

    /** Signed with the realm's key, issued by another realm. */
    static String ofAnotherRealm() {
        return Jwt.issuer("https://server.example.com/realms/elsewhere").subject("2f1c6a52-member").audience("union-api")
                .claim("azp", "union-web").expiresIn(300).sign();
    }

    /** Right issuer and claims, signed with a key the realm never published. */
    static String signedWithAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        return Jwt.issuer(ISSUER).subject("2f1c6a52-member").audience("union-api").claim("azp", "union-web")
                .expiresIn(300).sign(foreign);
    }

    /** The valid token's claims with {@code alg: none} and no signature. */
    static String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = forClient("union-web").split("\\.")[1];
        return header + "." + payload + ".";
    }

    private static String token(String clientId, String audience) {
        return Jwt.issuer(ISSUER)
                .subject("2f1c6a52-member")
                .audience(audience)
                .claim("azp", clientId)
                .claim("typ", "Bearer")
                .expiresIn(300)
                .sign();
    }
}
