package io.gucun.dues.rebate;

/**
 * Splits a collected amount by a share in basis points (1/100 of a percent) exactly in fen.
 *
 * <p>Rounding rule: the share going down (to the grassroots union, or to the preparatory fund) is rounded DOWN to the
 * whole fen; the remainder, including every fraction of a fen, stays with the upper (collecting) org. The two parts
 * always add up to the amount: no fen is created or lost.
 */
public final class ShareSplit {

    public static final int FULL_BP = 10_000;

    private ShareSplit() {
    }

    /** The part of {@code amountFen} that is {@code bp}/10000 of it, rounded down. */
    public static long downShare(long amountFen, int bp) {
        if (amountFen < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (bp < 0 || bp > FULL_BP) {
            throw new IllegalArgumentException("share must be between 0 and 10000 basis points");
        }
        // (q * 10000 + r) * bp / 10000 = q * bp + r * bp / 10000, without overflow for any long amount.
        return (amountFen / FULL_BP) * bp + (amountFen % FULL_BP) * bp / FULL_BP;
    }

    /** What stays up: the amount minus the down share. */
    public static long upShare(long amountFen, int bp) {
        return amountFen - downShare(amountFen, bp);
    }
}
