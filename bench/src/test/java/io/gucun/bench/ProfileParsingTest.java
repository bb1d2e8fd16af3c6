package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What P10 reads: /proc/stat's cpu line, its own process's CPU, and a Flight Recorder file summed by kind of code. */
class ProfileParsingTest {

    @Test
    void idleCountsIdleAndIoWaitOfTheFirstEightColumns() {
        long[] t = Quiet.parse("cpu  100 5 50 800 20 3 2 0 7 0");
        assertThat(t).containsExactly(980, 820);
    }

    @Test
    void kindIsTheFirstFrameOutsideTheJdkByPackage() {
        assertThat(JfrProfile.isJdk("java.math.BigInteger")).isTrue();
        assertThat(JfrProfile.isJdk("jdk.internal.misc.Unsafe")).isTrue();
        assertThat(JfrProfile.kindOf("org.hibernate.validator.internal.engine.ValidatorImpl")).isEqualTo("validation");
        assertThat(JfrProfile.kindOf("org.hibernate.query.spi.AbstractQuery")).startsWith("database access");
        assertThat(JfrProfile.kindOf("org.jose4j.jwt.JwtClaims")).startsWith("token check");
        assertThat(JfrProfile.kindOf("io.gucun.telemetry.SpanFile")).startsWith("tracing");
        assertThat(JfrProfile.kindOf("io.gucun.membership.member.MemberService")).isEqualTo("Gucun's own code");
        assertThat(JfrProfile.kindOf("org.example.Unknown")).isEqualTo(JfrProfile.OTHER);
    }

    @Test
    void thisProcessCountsAsTheHarnessAndSpendsCpu() {
        Map<String, Double> before = ProcessCpu.snapshot(Map.of());
        long x = 0;
        for (long i = 0, end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; i++) {
            x += i % 7;
        }
        Map<String, Double> spent = ProcessCpu.delta(before, ProcessCpu.snapshot(Map.of()));
        assertThat(x).isPositive();
        assertThat(spent.get(ProcessCpu.HARNESS)).isGreaterThan(0.1);
    }

    @Test
    void aRecordingOfThisJvmIsSummedByKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("self.jfr");
        AtomicLong sink = new AtomicLong();
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            r.start();
            for (long end = System.nanoTime() + 500_000_000L; System.nanoTime() < end; ) {
                sink.addAndGet(Long.toString(System.nanoTime()).hashCode());
            }
            r.stop();
            r.dump(file);
        }
        Map<String, Long> kinds = JfrProfile.byKind(file);
        assertThat(Files.size(file)).isPositive();
        assertThat(kinds.get("samples")).isPositive();
        // the loop above runs in this test class, in io.gucun.bench
        assertThat(kinds.get("Gucun's own code")).isPositive();
    }
}
