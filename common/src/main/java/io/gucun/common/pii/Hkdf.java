package io.gucun.common.pii;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): turns one root secret into independent keys, one per {@code info}. Written here
 * because no HKDF is on the services' classpath (the JDK has none before 24); checked against the RFC's test vectors.
 */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LEN = 32;

    private Hkdf() {
    }

    /** Extract then expand: {@code length} bytes of key for {@code info}; {@code salt} may be empty (= 32 zero bytes). */
    public static byte[] derive(byte[] inputKey, byte[] salt, byte[] info, int length) {
        return expand(extract(salt, inputKey), info, length);
    }

    static byte[] extract(byte[] salt, byte[] inputKey) {
        return mac(salt.length == 0 ? new byte[HASH_LEN] : salt).doFinal(inputKey);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF-SHA256 gives 1 to 8160 bytes");
        }
        Mac mac = mac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int i = 0, done = 0; done < length; i++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) (i + 1));
            block = mac.doFinal();
            int n = Math.min(HASH_LEN, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
