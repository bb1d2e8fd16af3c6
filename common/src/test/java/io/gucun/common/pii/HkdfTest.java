package io.gucun.common.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869, appendix A, test cases 1 to 3 (HKDF-SHA256). */
class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            b[i - from] = (byte) i;
        }
        return b;
    }

    private static byte[] ikm22() {
        byte[] b = new byte[22];
        java.util.Arrays.fill(b, (byte) 0x0b);
        return b;
    }

    @Test
    void case1Basic() {
        byte[] prk = Hkdf.extract(range(0x00, 0x0d), ikm22());
        assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(Hkdf.derive(ikm22(), range(0x00, 0x0d), range(0xf0, 0xfa), 42))).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void case2LongInputsAndOutput() {
        assertThat(HEX.formatHex(Hkdf.extract(range(0x60, 0xb0), range(0x00, 0x50))))
                .isEqualTo("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
        assertThat(HEX.formatHex(Hkdf.derive(range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82))).isEqualTo(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void case3NoSaltNoInfo() {
        assertThat(HEX.formatHex(Hkdf.extract(new byte[0], ikm22())))
                .isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
        assertThat(HEX.formatHex(Hkdf.derive(ikm22(), new byte[0], new byte[0], 42))).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}
