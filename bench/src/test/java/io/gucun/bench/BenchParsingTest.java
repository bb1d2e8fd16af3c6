package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the harness reads from other programs: pgbench's output, Quarkus's start line, a JVM's command line. */
class BenchParsingTest {

    @Test
    void pgbenchTpsAndLatency() {
        String out = """
                number of transactions actually processed: 760123
                latency average = 0.210 ms
                initial connection time = 12.345 ms
                tps = 38006.123456 (without initial connection time)
                """;
        assertThat(DatabaseBaseline.number(out, "tps = ([0-9.]+)")).isEqualTo(38006.123456);
        assertThat(DatabaseBaseline.number(out, "latency average = ([0-9.]+) ms")).isEqualTo(0.21);
        assertThatThrownBy(() -> DatabaseBaseline.number("FATAL: no database", "tps = ([0-9.]+)"))
                .hasMessageContaining("FATAL: no database");
    }

    @Test
    void quarkusStartedLine() {
        var s = StartAndFootprint.parseStarted("2026-11-24 18:23:01,953 INFO  [io.quarkus] (main) membership-service 0.1.0-SNAPSHOT"
                + " on JVM (powered by Quarkus 3.33.2) started in 29.806s. Listening on: http://127.0.0.1:59075");
        assertThat(s).isNotNull();
        assertThat(s.quarkusSeconds()).isEqualTo(29.806);
        assertThat(s.at().atZone(java.time.ZoneId.systemDefault()).toLocalTime()).hasToString("18:23:01.953");
        assertThat(StartAndFootprint.parseStarted("2026-11-24 18:23:01,953 INFO  [io.quarkus] Profile prod activated.")).isNull();
    }

    @Test
    void jvmFlagsWithoutProperties() {
        assertThat(StartAndFootprint.jvmFlags(List.of("/jdk/bin/java", "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=1",
                "-jar", "/x/quarkus-run.jar", "-Xfoo"))).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    }

    @Test
    void rssLineOfProcStatus() {
        assertThat(Processes.parseKb("VmRSS:\t  204800 kB")).isEqualTo(204800);
        assertThat(Processes.rssMiB(ProcessHandle.current().pid())).isPositive();
    }

    @Test
    void residentIdsAreValidAndDistinct() {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String check = "10X98765432";
        Set<String> seen = new HashSet<>();
        for (long n = 0; n < 30_000; n += 7) {
            String id = BenchApi.residentId(n);
            assertThat(id).hasSize(18);
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (id.charAt(i) - '0') * w[i];
            }
            assertThat(id.charAt(17)).isEqualTo(check.charAt(sum % 11));
            assertThat(seen.add(id)).as("distinct: " + id).isTrue();
        }
    }

    @Test
    void theIdsFileForWrkHoldsNumbersNoOtherRegistrationOfTheRunUses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.List<String> first = java.nio.file.Files.readAllLines(BenchApi.residentIds(dir.resolve("a"), 500));
        String single = BenchApi.nextResidentId();
        java.util.List<String> second = java.nio.file.Files.readAllLines(BenchApi.residentIds(dir.resolve("b"), 500));
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        all.add(single);
        assertThat(first).hasSize(500);
        assertThat(all).hasSize(1_001);
        assertThat(first.getFirst()).matches("310113[0-9]{11}[0-9X]");
    }
}
