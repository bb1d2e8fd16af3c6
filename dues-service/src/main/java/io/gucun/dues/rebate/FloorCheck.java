package io.gucun.dues.rebate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** The arithmetic of the 80% rule, exact in fen. */
public final class FloorCheck {

    private FloorCheck() {
    }

    /** The least amount that meets a floor of {@code floorBp} of {@code rebatedFen}: the share rounded UP to the fen. */
    public static long required(long rebatedFen, int floorBp) {
        BigInteger[] qr = BigInteger.valueOf(rebatedFen).multiply(BigInteger.valueOf(floorBp))
                .divideAndRemainder(BigInteger.valueOf(Allocation.FULL_BP));
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }

    /** {@code part} as a percentage of {@code whole}, two decimals rounded down (so 79.999% never shows as 80.00%); null for 0. */
    public static String percentOf(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 2, RoundingMode.DOWN)
                .toPlainString();
    }
}
