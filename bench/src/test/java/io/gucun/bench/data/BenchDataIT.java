package io.gucun.bench.data;

import io.gucun.bench.Benchmark;
import io.gucun.infra.GucunPaths;
import io.gucun.launcher.DemoData;
import io.gucun.launcher.Stack;
import io.gucun.launcher.StackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the data benchmarks (P5, P6, P8) on an ephemeral stack of their own, as the benchmark harness does, without it:
 * {@code -Dgucun.bench.quick=true} for small data, {@code -Dgucun.bench.only=P5,P8} for some of them. The sections
 * and raw JSON go to {@code bench/target/benchmarks/}. Tagged benchmark, so never part of {@code ./gucun test}.
 * {@link #main} runs the same without Maven, on the classpath of the packaged bench module (see docs/benchmarks/data.md).
 */
@Tag("benchmark")
class BenchDataIT {

    public static void main(String[] args) throws Exception {
        new BenchDataIT().dataBenchmarks();
    }

    @Test
    void dataBenchmarks() throws Exception {
        boolean quick = Boolean.getBoolean("gucun.bench.quick");
        Set<String> only = Stream.of(System.getProperty("gucun.bench.only", "P5,P6,P8").split(","))
                .map(String::trim).collect(Collectors.toSet());
        List<Benchmark> benchmarks = ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.getClass().getPackageName().equals(BenchDataIT.class.getPackageName()))
                .filter(b -> only.contains(b.id())).sorted(Comparator.comparing(Benchmark::id)).toList();
        Path out = GucunPaths.root().resolve("bench/target/benchmarks");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory(GucunPaths.root().resolve("bench/target"), "bench-stack");
        // the benchmarks call faster than the gateway's per-client limits allow; the limits are the gateway's own tests' business
        StackOptions options = StackOptions.ephemeral(GucunPaths.root(), home)
                .gatewayProperty("gucun.gateway.rate-limit.enabled", "false")
                // shared 2-core machines under other builds' load have needed more than 5 minutes for Keycloak
                .appReady(Duration.ofMinutes(15));
        try (Stack stack = new Stack(options).start()) {
            System.out.println("BENCH " + DemoData.ensure(stack));
            StringBuilder report = new StringBuilder();
            List<String> failed = new java.util.ArrayList<>();
            for (Benchmark b : benchmarks) {
                long start = System.nanoTime();
                String section;
                try {
                    section = b.run(stack, quick, out.resolve("raw"));
                } catch (Exception e) {
                    // one figure failing should not cost the others: the stack alone takes minutes to start
                    e.printStackTrace();
                    failed.add(b.id() + ": " + e);
                    section = "## " + b.id() + " — failed\n\n" + e + "\n";
                }
                System.out.printf("BENCH %s done in %.0f s%n%s%n", b.id(), (System.nanoTime() - start) / 1e9, section);
                report.append(section).append('\n');
                Files.writeString(out.resolve("data" + (quick ? "-quick" : "") + ".md"), report.toString());
            }
            if (!failed.isEmpty()) {
                throw new AssertionError("benchmarks failed: " + failed);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(home.resolve("data"))) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
