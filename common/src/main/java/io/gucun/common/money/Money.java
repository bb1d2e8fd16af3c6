package io.gucun.common.money;

import io.gucun.common.problem.ApiException;
import java.math.BigDecimal;

/**
 * Amounts in CNY: decimal yuan strings with at most two places on the API ("1234.50"), integer fen (1/100 yuan)
 * inside, so no sum is ever rounded. A malformed amount is a 400 naming the field it came from.
 */
public final class Money {

    public static final String CURRENCY = "CNY";
    /** The largest amount one value may carry: 10^13 yuan keeps every sum of them far inside a long. */
    public static final long MAX_FEN = 1_000_000_000_000_000L;

    private Money() {
    }

    /** "1234.5" → 123450 fen; required, any sign. */
    public static long parse(String field, String yuan) {
        if (yuan == null || yuan.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(yuan.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "must be a decimal amount in yuan, e.g. 1234.50");
        }
        // "7.000" is seven yuan; "0.001" is a tenth of a fen, which no account can hold.
        if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            throw ApiException.invalid(field, "must not have more than two decimal places (fen)");
        }
        // Compared before moving the point, so "1e400" is refused without building a 400-digit number.
        if (value.abs().compareTo(BigDecimal.valueOf(MAX_FEN, 2)) > 0) {
            throw ApiException.invalid(field, "is too large");
        }
        return value.movePointRight(2).longValueExact();
    }

    /** Like {@link #parse} but more than zero: a payment, a posting. */
    public static long parsePositive(String field, String yuan) {
        long fen = parse(field, yuan);
        if (fen <= 0) {
            throw ApiException.invalid(field, "must be more than 0");
        }
        return fen;
    }

    /** An optional amount (blank or absent is 0), never negative: a sum claimed or recovered. */
    public static long parseOptionalNonNegative(String field, String yuan) {
        if (yuan == null || yuan.isBlank()) {
            return 0;
        }
        long fen = parse(field, yuan);
        if (fen < 0) {
            throw ApiException.invalid(field, "must not be negative");
        }
        return fen;
    }

    /** 123450 → "1234.50"; -5 → "-0.05". */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
