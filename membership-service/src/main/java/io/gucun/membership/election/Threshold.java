package io.gucun.membership.election;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A "more than n/d" threshold of a union's election rules, written {@code 1/2} or {@code 2/3}: a count reaches it
 * when {@code count / base > n / d}, compared in integers so that "more than half of 10" needs 6, not 5.
 */
public record Threshold(int numerator, int denominator) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,3})\\s*/\\s*(\\d{1,3})\\s*");

    public Threshold {
        if (denominator <= 0 || numerator < 0 || numerator >= denominator) {
            throw new IllegalArgumentException("a threshold is a fraction from 0/d up to below 1, such as 1/2");
        }
    }

    /** The threshold written as {@code n/d}, or null when {@code text} is not such a fraction below 1. */
    public static Threshold parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        int d = Integer.parseInt(m.group(2));
        return d > 0 && n < d ? new Threshold(n, d) : null;
    }

    /** Whether {@code count} is more than this fraction of {@code base} (never, for an empty base). */
    public boolean exceededBy(long count, long base) {
        return base > 0 && count * denominator > base * (long) numerator;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
