// The stub of bench/gateway-ab (docs/benchmarks.md, gateway section): run with `java Stub.java <port> <token file>`.
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.Executors;

/** OIDC discovery + JWKS + an upstream answering 200 with a small JSON body; writes a signed RS256 token. */
public class Stub {
    static String b64(byte[] b) { return Base64.getUrlEncoder().withoutPadding().encodeToString(b); }
    static String b64u(BigInteger i) { byte[] b = i.toByteArray(); if (b[0] == 0) b = java.util.Arrays.copyOfRange(b, 1, b.length); return b64(b); }
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        String iss = "http://127.0.0.1:" + port + "/realms/union";
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA"); g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + b64u(pub.getModulus()) + "\",\"e\":\"" + b64u(pub.getPublicExponent()) + "\"}]}";
        String disco = "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/protocol/openid-connect/certs\",\"token_endpoint\":\"" + iss + "/protocol/openid-connect/token\",\"authorization_endpoint\":\"" + iss + "/protocol/openid-connect/auth\"}";
        long now = System.currentTimeMillis() / 1000;
        // Keycloak-like access token claims (admin of the demo realm)
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64(("{\"exp\":" + (now + 7200) + ",\"iat\":" + now + ",\"jti\":\"0b6c1c9e-1\",\"iss\":\"" + iss + "\",\"aud\":[\"union-api\",\"account\"],\"sub\":\"7d2f3b0e-admin\",\"typ\":\"Bearer\",\"azp\":\"union-app\",\"session_state\":\"a1\",\"acr\":\"1\",\"realm_access\":{\"roles\":[\"admin\",\"offline_access\",\"uma_authorization\"]},\"resource_access\":{\"account\":{\"roles\":[\"manage-account\",\"view-profile\"]}},\"scope\":\"openid profile email\",\"sid\":\"a1\",\"email_verified\":false,\"org_path\":\"1\",\"preferred_username\":\"admin\"}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA"); s.initSign(kp.getPrivate());
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(Path.of(a[1]), header + "." + payload + "." + b64(s.sign()));
        byte[] member = "{\"member\":{\"id\":1,\"name\":\"\u538b\u6d4b\",\"idNumber\":\"110105********123X\",\"mobile\":\"138****8000\",\"status\":\"ACTIVE\"}}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", ex -> {
            String p = ex.getRequestURI().getPath();
            byte[] body = p.endsWith("openid-configuration") ? disco.getBytes() : p.endsWith("/certs") ? jwks.getBytes() : p.startsWith("/q/health") ? "{\"status\":\"UP\"}".getBytes() : member;
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        System.out.println("stub on " + port);
    }
}
