package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Report.Run RUN = new Report.Run("2026-11-24 20:00 UTC", "./gucun bench --quick", "2 cores", "1.0, 2.0, 3.0",
            "OpenJDK 21", "pgbench at /usr/bin/pgbench", "60.0 s",
            "wrk 4.1.0 [epoll]");

    @Test
    void summaryHasARowPerFigureWithItsVerdict() {
        String md = Report.render(RUN, List.of(
                new Report.Section("P1", "## P1 — reading\n\ntext", List.of(
                        new Figure("P1 read", "500 req/s", "pgbench -S 1,000 TPS", "50%", "≥ 50%", true,
                                "wrk, 12% of 2 cores")), null),
                new Report.Section("P2", "## P2 — gateway\n\nmore", List.of(
                        new Figure("P2 a|b", "1", "2", "50%", "≥ 80%", false)), null),
                new Report.Section("P5", "no heading", List.of(), null),
                Report.Section.failed("P6", "boom\n  at x")));
        assertThat(md).contains("Produced by `./gucun bench --quick` on 2026-11-24 20:00 UTC")
                .contains("| load average at start (1, 5, 15 min) | 1.0, 2.0, 3.0 |")
                .contains("| load tools | wrk 4.1.0 [epoll] |")
                .contains("| figure | measured | baseline | ratio | target | met? | load (its CPU share) |")
                .contains("| P1 read | 500 req/s | pgbench -S 1,000 TPS | 50% | ≥ 50% | yes | wrk, 12% of 2 cores |")
                .contains("| P2 a\\|b | 1 | 2 | 50% | ≥ 80% | **no** |  |")
                .contains("| P5 | see [P5](#p5) | | | | | |")
                .contains("| P6 | failed: boom | | | | no | |")
                .contains("## P5\n\nno heading")
                .contains("## P6\n\nFailed in this run:")
                .contains("**its own CPU share**");
        assertThat(md.indexOf("## P1 — reading")).isLessThan(md.indexOf("## P2 — gateway"));
    }

    @Test
    void warnsOfABusyMachineOnly() {
        assertThat(Report.loadWarning("1.0, 2.0, 3.0", 2)).isNull();
        assertThat(Report.loadWarning("4.0, 2.0, 3.0", 2)).isNull();
        assertThat(Report.loadWarning("31.4, 33.0, 29.7", 2)).contains("load average 31.4 on 2 cores");
        assertThat(Report.loadWarning("unknown", 2)).isNull();
    }

    @Test
    void anchorsFollowTheSectionHeading() {
        assertThat(Report.anchor(new Report.Section("P7", "## P7 — start time, memory\n\nx", List.of(), null)))
                .isEqualTo("p7--start-time-memory");
    }
}
