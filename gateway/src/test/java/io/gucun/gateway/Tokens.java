package io.gucun.gateway;

import io.smallrye.jwt.build.Jwt;

/** Signed access tokens the WireMock OIDC server's keys validate (issuer https://server.example.com). */
final class Tokens {

    static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    static String forClient(String clientId) {
        return token(clientId, "union-api");
    }

    static String withAudience(String audience) {
        return token("union-web", audience);
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
