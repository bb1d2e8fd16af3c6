package io.gucun.dues.rebate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Divides an amount in fen among parts in proportion to their weights (basis points adding up to 10,000 for a
 * policy's rule; any positive total for a scaled override), by the largest-remainder method: every part first gets
 * its exact share rounded down; the fen left over (fewer than the number of parts) go one
 * each to the parts with the largest fractions of a fen, ties to the part listed first (the grassroots share is listed
 * first, so a tie favours what is returned). The parts always add up to the amount: no fen is lost or made.
 */
public final class Allocation {

    public static final int FULL_BP = 10_000;
    static final long MAX_WEIGHT = 100_000_000L;

    /** One part: its share, the fen it gets, and whether a left-over fen was added by rounding. */
    public record Part(ShareLevel level, int bp, long fen, boolean roundedUp) {
    }

    private Allocation() {
    }

    /** Splits {@code amountFen} by shares in basis points adding up to 10,000 (in the map's order, which breaks ties). */
    public static List<Part> divide(long amountFen, Map<ShareLevel, Integer> shares) {
        int sum = shares.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != FULL_BP) {
            throw new IllegalArgumentException("shares add up to " + sum + " basis points, not 10000");
        }
        Map<ShareLevel, Long> weights = new java.util.LinkedHashMap<>();
        shares.forEach((level, bp) -> weights.put(level, (long) bp));
        return byWeight(amountFen, weights);
    }

    /**
     * Splits {@code amountFen} in proportion to {@code weights} (each at most 10^8, e.g. basis points times basis points; in the map's
     * order, which breaks ties). Each part's {@code bp} is its weight as basis points of the total, rounded down.
     */
    public static List<Part> byWeight(long amountFen, Map<ShareLevel, Long> weights) {
        if (amountFen < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        long total = 0;
        for (long w : weights.values()) {
            if (w < 0 || w > MAX_WEIGHT) {
                throw new IllegalArgumentException("a weight must be between 0 and 10^8");
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("the weights must add up to more than 0");
        }
        List<ShareLevel> levels = new ArrayList<>(weights.keySet());
        long[] fen = new long[levels.size()];
        long[] fraction = new long[levels.size()];
        long given = 0;
        // amount = q * total + r, so amount * w / total = q * w + r * w / total: r * w < total * 10^8 fits in a long.
        long q = amountFen / total;
        long r = amountFen % total;
        for (int i = 0; i < levels.size(); i++) {
            long w = weights.get(levels.get(i));
            fen[i] = q * w + r * w / total;
            fraction[i] = r * w % total;
            given += fen[i];
        }
        long left = amountFen - given;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> -fraction[i]).thenComparingInt(i -> i));
        boolean[] up = new boolean[levels.size()];
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            fen[i]++;
            up[i] = true;
        }
        List<Part> parts = new ArrayList<>(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            parts.add(new Part(levels.get(i), (int) (weights.get(levels.get(i)) * FULL_BP / total), fen[i], up[i]));
        }
        return parts;
    }
}
