package io.gucun.common.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One derived HMAC-SHA256 key and its version: equal inputs give equal hashes (hex, 64 characters), nothing is
 * reversible. Stored hashes keep the version next to them so a rotation knows which rows still need the new key.
 */
public final class HashKey {

    private final int version;
    private final SecretKeySpec key;

    HashKey(int version, byte[] key) {
        this.version = version;
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public int version() {
        return version;
    }

    /** The keyed hash of a canonical value (a normalized resident ID number, an E.164 phone). */
    public String hash(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyed hash failed", e);
        }
    }

    /** The key itself: only a partner's matching key is ever handed out ({@link MatchingKeys#export}). */
    byte[] material() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "HashKey[v" + version + "]"; // never the key
    }
}
