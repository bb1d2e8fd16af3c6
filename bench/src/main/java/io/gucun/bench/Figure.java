package io.gucun.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the report's summary table: what was measured, against which baseline, their ratio, the target, and the
 * load tool with its own CPU share while it measured (on shared cores the client's CPU is taken from the system).
 * A benchmark lists its rows under {@code "summary"} in its raw {@code <id>.json} (see {@link Raw#write}); the harness
 * reads them from there, so any {@link Benchmark} gets a summary row by writing that field.
 */
public record Figure(String figure, String measured, String baseline, String ratio, String target, Boolean met,
                     String load) {

    /** A row whose figure puts no load on the system (or states it in its section). */
    public Figure(String figure, String measured, String baseline, String ratio, String target, Boolean met) {
        this(figure, measured, baseline, ratio, target, met, "");
    }

    /** P1 < P2 < ... < P10, by number rather than by text. */
    public static final Comparator<String> BY_ID = Comparator.comparingInt(Figure::number).thenComparing(Comparator.naturalOrder());

    static int number(String id) {
        String digits = id.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", figure);
        m.put("measured", measured);
        m.put("baseline", baseline);
        m.put("ratio", ratio);
        m.put("target", target);
        m.put("met", met);
        m.put("load", load);
        return m;
    }

    static Figure fromMap(Map<?, ?> m) {
        Object met = m.get("met");
        return new Figure(text(m.get("figure")), text(m.get("measured")), text(m.get("baseline")), text(m.get("ratio")),
                text(m.get("target")), met instanceof Boolean b ? b : null, text(m.get("load")));
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /** {@code measured / baseline}; NaN when the baseline is not a positive number. */
    public static double ratio(double measured, double baseline) {
        return baseline > 0 && Double.isFinite(baseline) && Double.isFinite(measured) ? measured / baseline : Double.NaN;
    }

    /** A ratio as a percentage ("48%"; "0.18%" below 10%, so a tiny ratio does not read as nothing), or "n/a". */
    public static String percent(double ratio) {
        if (Double.isNaN(ratio)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.2f%%" : "%.0f%%", 100 * ratio);
    }

    /** A ratio as "×2.35", for figures where more is worse (start time, memory, latency). */
    public static String times(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "×%.2f", ratio);
    }

    /** Numbers in the report: thousands separated, the given decimals. */
    public static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
