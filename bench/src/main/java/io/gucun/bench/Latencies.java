package io.gucun.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Completed operations, errors and their latencies over a measured span: throughput and percentiles. Latencies are
 * kept in microseconds in an HdrHistogram (3 significant digits, up to 10 minutes), so percentiles are exact to 0.1%.
 */
public final class Latencies {

    private static final long MAX_MICROS = 600_000_000L;

    private final Histogram histogram = new Histogram(MAX_MICROS, 3);
    private long errors;
    private double seconds;

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }

    public void recordMillis(double millis) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, Math.round(millis * 1000))));
    }

    public void error() {
        errors++;
    }

    public void addSeconds(double s) {
        seconds += s;
    }

    /** Adds another span's operations, errors and time (e.g. rounds of the same load). */
    public Latencies add(Latencies other) {
        histogram.add(other.histogram);
        errors += other.errors;
        seconds += other.seconds;
        return this;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public long errors() {
        return errors;
    }

    public double seconds() {
        return seconds;
    }

    public double perSecond() {
        return seconds > 0 ? count() / seconds : Double.NaN;
    }

    /** The latency at percentile {@code p} (0..100) in milliseconds; NaN when nothing was recorded. */
    public double percentileMs(double p) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1000.0;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    public double meanMs() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operations", count());
        m.put("errors", errors);
        m.put("seconds", seconds);
        m.put("perSecond", perSecond());
        m.put("meanMs", meanMs());
        m.put("p50Ms", percentileMs(50));
        m.put("p90Ms", percentileMs(90));
        m.put("p99Ms", percentileMs(99));
        m.put("p999Ms", percentileMs(99.9));
        m.put("maxMs", maxMs());
        return m;
    }
}
