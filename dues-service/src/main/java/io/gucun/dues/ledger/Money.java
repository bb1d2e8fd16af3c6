package io.gucun.dues.ledger;

import io.gucun.common.problem.ApiException;
import java.math.BigDecimal;

/** Amounts are integer fen (1/100 yuan, CNY); the API speaks decimal yuan strings with at most two places. */
public final class Money {

    public static final String CURRENCY = "CNY";
    /** The largest amount one posting may carry: 10^13 yuan keeps every sum far inside a long. */
    static final long MAX_FEN = 1_000_000_000_000_000L;

    private Money() {
    }

    /** "1234.5" → 123450 fen; 400 naming {@code field} for anything else, zero and negatives included. */
    public static long parsePositive(String field, String yuan) {
        long fen = parse(field, yuan);
        if (fen <= 0) {
            throw ApiException.invalid(field, "must be more than 0");
        }
        return fen;
    }

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
        if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            throw ApiException.invalid(field, "must not have more than two decimal places (fen)");
        }
        BigDecimal fen = value.movePointRight(2);
        if (fen.abs().compareTo(BigDecimal.valueOf(MAX_FEN)) > 0) {
            throw ApiException.invalid(field, "is too large");
        }
        return fen.longValueExact();
    }

    /** 123450 → "1234.50". */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
