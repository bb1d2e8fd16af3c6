package io.gucun.common.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data (resident ID numbers, phones) with AES-256-GCM. The keyed hashes for look-ups are not made
 * here: {@link BlindIndexes} (internal, per purpose) and {@link MatchingKeys} (per partner) derive their own keys.
 *
 * <p>Ciphertext is {@code keyId:base64(iv || ciphertext+tag)}, so keys can rotate: new writes use the
 * active key, old rows stay readable while their key id is still configured.
 */
public final class PersonalDataCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    public PersonalDataCipher(Map<String, byte[]> encryptionKeys, String activeKeyId) {
        if (!encryptionKeys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active personal-data key '" + activeKeyId + "' is not configured");
        }
        encryptionKeys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("personal-data key '" + id + "' must be 32 bytes (AES-256)");
            }
            if (id.contains(":")) {
                throw new IllegalArgumentException("personal-data key id '" + id + "' must not contain ':'");
            }
        });
        this.keys = encryptionKeys.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new SecretKeySpec(e.getValue(), "AES")));
        this.activeKeyId = activeKeyId;
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal-data encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a personal-data ciphertext");
        }
        String keyId = stored.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("personal-data key '" + keyId + "' is not configured");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal-data decryption failed (wrong key or tampered value)", e);
        }
    }

    /** Whether a stored value was written with a key other than the active one (a candidate for re-encryption). */
    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith(activeKeyId + ":");
    }

    public String activeKeyId() {
        return activeKeyId;
    }
}
