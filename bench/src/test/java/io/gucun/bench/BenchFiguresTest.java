package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Percentiles, throughput and ratios: the arithmetic every figure rests on. */
class BenchFiguresTest {

    @Test
    void percentilesOfAKnownDistribution() {
        Latencies l = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            l.recordMillis(ms);
        }
        l.addSeconds(4);
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.perSecond()).isEqualTo(25.0);
        // HdrHistogram keeps three significant digits
        assertThat(l.percentileMs(50)).isCloseTo(50, within(0.1));
        assertThat(l.percentileMs(99)).isCloseTo(99, within(0.1));
        assertThat(l.maxMs()).isCloseTo(100, within(0.1));
        assertThat(l.meanMs()).isCloseTo(50.5, within(0.1));
    }

    @Test
    void roundsAddUpAndErrorsAreNotTimed() {
        Latencies a = new Latencies();
        a.recordNanos(2_000_000);
        a.error();
        a.addSeconds(1);
        Latencies b = new Latencies();
        b.recordNanos(4_000_000);
        b.recordNanos(4_000_000);
        b.addSeconds(2);
        Latencies all = new Latencies().add(a).add(b);
        assertThat(all.count()).isEqualTo(3);
        assertThat(all.errors()).isEqualTo(1);
        assertThat(all.perSecond()).isEqualTo(1.0);
        assertThat(all.percentileMs(50)).isCloseTo(4, within(0.01));
    }

    @Test
    void nothingRecordedIsNotANumberRatherThanZero() {
        Latencies l = new Latencies();
        assertThat(l.percentileMs(99)).isNaN();
        assertThat(l.perSecond()).isNaN();
    }

    @Test
    void ratiosAndTheirText() {
        assertThat(Figure.ratio(533, 1108)).isCloseTo(0.481, within(0.001));
        assertThat(Figure.ratio(5, 0)).isNaN();
        assertThat(Figure.ratio(5, Double.NaN)).isNaN();
        assertThat(Figure.percent(0.481)).isEqualTo("48%");
        assertThat(Figure.percent(Double.NaN)).isEqualTo("n/a");
        assertThat(Figure.percent(0.0017578)).isEqualTo("0.18%");
        assertThat(Figure.times(2.345)).isEqualTo("×2.35");
        assertThat(Figure.num(38123.4, 0)).isEqualTo("38,123");
    }

    @Test
    void summaryRowsGoThroughTheRawFile(@TempDir Path dir) throws Exception {
        Figure row = new Figure("P9 x", "1 /s", "2 /s", "50%", "≥ 40%", true);
        Raw.write(dir, "P9", List.of(row), Map.of("n", 3));
        assertThat(Files.readString(dir.resolve("P9.json"))).contains("\"n\" : 3");
        assertThat(Raw.summary(dir, "P9")).containsExactly(row);
        assertThat(Raw.summary(dir, "P8")).isEmpty();
        Files.writeString(dir.resolve("P6.json"), "{\"rows\": 12}");
        assertThat(Raw.summary(dir, "P6")).isEmpty();
    }
}
