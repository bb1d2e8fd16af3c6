package io.gucun.rights.rightscase;

import io.gucun.common.problem.ApiException;
import java.math.BigDecimal;

/** Amounts in CNY: decimal strings ("1234.50") on the API, integer fen inside. */
public final class Money {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    /** Fen from a decimal yuan string; 400 naming {@code field} unless it is a non-negative amount with at most 2 decimals. */
    public static long fen(String field, String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return 0;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(yuan.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "must be a decimal amount in yuan, e.g. \"1234.50\"");
        }
        if (v.signum() < 0) {
            throw ApiException.invalid(field, "must not be negative");
        }
        if (v.stripTrailingZeros().scale() > 2) {
            throw ApiException.invalid(field, "must have at most 2 decimals (fen)");
        }
        try {
            return v.multiply(HUNDRED).longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.invalid(field, "is too large");
        }
    }

    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
