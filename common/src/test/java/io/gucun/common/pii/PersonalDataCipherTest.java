package io.gucun.common.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private final PersonalDataCipher cipher = new PersonalDataCipher(Map.of("k1", key(1)), "k1");

    @Test
    void roundTripsAndNeverStoresThePlainValue() {
        String stored = cipher.encrypt("11010519491231002X");
        assertThat(stored).startsWith("k1:").doesNotContain("11010519491231002X");
        assertThat(cipher.decrypt(stored)).isEqualTo("11010519491231002X");
    }

    @Test
    void sameValueEncryptsDifferently() {
        assertThat(cipher.encrypt("13800138000")).isNotEqualTo(cipher.encrypt("13800138000"));
    }

    @Test
    void oldKeysStayReadableAfterRotation() {
        String old = cipher.encrypt("old value");
        PersonalDataCipher rotated = new PersonalDataCipher(Map.of("k1", key(1), "k2", key(2)), "k2");
        assertThat(rotated.decrypt(old)).isEqualTo("old value");
        assertThat(rotated.needsRotation(old)).isTrue();
        assertThat(rotated.encrypt("new")).startsWith("k2:");
    }

    @Test
    void tamperingIsDetected() {
        String stored = cipher.encrypt("13800138000");
        char[] chars = stored.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
        PersonalDataCipher twoKeys = new PersonalDataCipher(Map.of("k1", key(1), "k2", key(2)), "k1");
        assertThatThrownBy(() -> twoKeys.decrypt("k2:" + stored.substring(3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesShortKeysAndAnUnknownActiveKey() {
        assertThatThrownBy(() -> new PersonalDataCipher(Map.of("k1", new byte[16]), "k1"))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new PersonalDataCipher(Map.of("k1", key(1)), "k2"))
                .hasMessageContaining("not configured");
    }
}
