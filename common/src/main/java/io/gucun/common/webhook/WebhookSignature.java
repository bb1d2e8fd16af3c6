package io.gucun.common.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries and checks them: {@code Gucun-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]}, each
 * {@code v1} the HMAC-SHA256 of {@code t + "." + body} under one of the partner's active secrets. While a secret
 * rotates, both secrets sign, so a receiver that knows either one accepts the delivery: rotation needs no downtime.
 */
public final class WebhookSignature {

    public static final String HEADER = "Gucun-Signature";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** A new random secret (32 bytes, base64url), shown to the partner once. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header value for {@code body} sent at {@code timestamp}, with one {@code v1} per secret, in the order given. */
    public static String header(long timestamp, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a delivery");
        }
        StringBuilder sb = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            sb.append(",v1=").append(HexFormat.of().formatHex(hmac(secret, timestamp, body)));
        }
        return sb.toString();
    }

    /**
     * What a receiver does: true when {@code header} carries a {@code v1} that {@code secret} produces for {@code body}
     * and its timestamp is within {@code tolerance} of {@code now} (which stops replays of old captured deliveries).
     */
    public static boolean verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                try {
                    t = Long.parseLong(p.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (p.startsWith("v1=")) {
                signatures.add(p.substring(3));
            }
        }
        if (t == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(secret, t, body)).getBytes(StandardCharsets.US_ASCII);
        for (String s : signatures) {
            if (MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
