package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** wrk's output as the harness reads it: the JSON line of report.lua's done() and the CPU line of the wrapper. */
class WrkTest {

    /** What wrk 4.1.0 printed for a 2 s run against a local server (its text, then our two lines). */
    static final String OUTPUT = """
            Running 2s test @ http://127.0.0.1:18765/api/membership/members
              2 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     0.93ms    0.96ms  14.28ms   94.25%
                Req/Sec     1.14k   321.13     2.71k    87.80%
              4669 requests in 2.10s, 2.47MB read
              Non-2xx or 3xx responses: 12
            Requests/sec:   2223.54
            Transfer/sec:      1.18MB
            GUCUN-WRK {"requests":4669,"durationMicros":2099806,"bytes":2591295,"errors":{"connect":0,"read":1,"write":0,"status":12,"timeout":2},"latencyMicros":{"mean":931.9,"max":14279,"p50":742,"p90":1325,"p99":5208,"p999":12481}}
            gucun-cpu 0 0 6 35 100
            """;

    @Test
    void readsThroughputLatenciesErrorsAndCpuFromTheSummaryLine() throws Exception {
        Wrk.Result r = Wrk.parse(OUTPUT);
        assertThat(r.requests()).isEqualTo(4669);
        assertThat(r.seconds()).isCloseTo(2.099806, within(1e-9));
        assertThat(r.perSecond()).isCloseTo(2223.5, within(0.1));
        assertThat(r.p50Ms()).isCloseTo(0.742, within(1e-9));
        assertThat(r.p90Ms()).isCloseTo(1.325, within(1e-9));
        assertThat(r.p99Ms()).isCloseTo(5.208, within(1e-9));
        assertThat(r.p999Ms()).isCloseTo(12.481, within(1e-9));
        assertThat(r.maxMs()).isCloseTo(14.279, within(1e-9));
        assertThat(r.meanMs()).isCloseTo(0.9319, within(1e-9));
        // every kind of failure counts: non-2xx answers, broken reads, timeouts
        assertThat(r.errors()).containsEntry("status", 12L).containsEntry("read", 1L).containsEntry("timeout", 2L);
        assertThat(r.errorCount()).isEqualTo(15);
        // the shell's children (wrk): 6 + 35 ticks at 100 per second
        assertThat(r.cpuSeconds()).isCloseTo(0.41, within(1e-9));
        assertThat(r.cpu(2).share()).isCloseTo(0.41 / (2.099806 * 2), within(1e-9));
    }

    @Test
    void withoutTheCpuLineTheShareIsUnknownNotZero() throws Exception {
        String noCpu = OUTPUT.lines().filter(l -> !l.startsWith("gucun-cpu")).reduce("", (a, l) -> a + l + "\n");
        assertThat(Wrk.parse(noCpu).cpuSeconds()).isNaN();
        assertThat(Wrk.cpuSeconds("gucun-cpu 1 2 3\n")).isNaN();
    }

    @Test
    void withoutTheSummaryLineItSaysWhatWrkPrinted() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .hasMessageContaining("no summary line").hasMessageContaining("Connection refused");
    }

    @Test
    void roundsCombineCountsAndTakeTheMedianPercentile() {
        Wrk.Result a = new Wrk.Result(100, 1, Map.of("status", 1L), 1.0, 1.0, 2.0, 5.0, 6.0, 9.0, 0.1);
        Wrk.Result b = new Wrk.Result(300, 1, Map.of("status", 2L), 3.0, 3.0, 4.0, 7.0, 8.0, 20.0, 0.2);
        Wrk.Result c = new Wrk.Result(200, 1, Map.of("read", 1L), 2.0, 2.0, 3.0, 6.0, 7.0, 10.0, 0.3);
        Wrk.Result all = Wrk.combine(List.of(a, b, c));
        assertThat(all.requests()).isEqualTo(600);
        assertThat(all.perSecond()).isEqualTo(200.0);
        assertThat(all.errors()).containsEntry("status", 3L).containsEntry("read", 1L);
        assertThat(all.p50Ms()).isEqualTo(2.0);
        assertThat(all.p99Ms()).isEqualTo(6.0);
        assertThat(all.maxMs()).isEqualTo(20.0);
        assertThat(all.meanMs()).isCloseTo((100 * 1.0 + 300 * 3.0 + 200 * 2.0) / 600, within(1e-9));
        assertThat(all.cpuSeconds()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void threadsFollowTheCoresButNeverExceedTheConnections() {
        assertThat(new Wrk.Load("http://x", 1, java.time.Duration.ofSeconds(1), List.of(), null, List.of()).threads()).isEqualTo(1);
        assertThat(new Wrk.Load("http://x", 64, java.time.Duration.ofSeconds(1), List.of(), null, List.of()).threads())
                .isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void everyScriptEndsWithTheReportAndRegistrationReadsTheIdsFile() throws Exception {
        assertThat(Wrk.resource("report.lua")).contains("function done(summary, latency, requests)").contains("GUCUN-WRK ");
        assertThat(Wrk.resource("register.lua")).contains("io.lines(args[1])").contains("\"orgId\":");
    }
}
