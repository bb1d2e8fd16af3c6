package io.gucun.bench;

import io.gucun.launcher.JvmOptions;
import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./gucun bench --footprint}: what each JVM option moves. One service at a time is started alone beside the
 * running stack (same databases, Kafka, Keycloak) with each set of options in turn; for each start: process start to
 * Quarkus's "started" line and the RSS after an idle spell. A variant with an AOT cache first runs once to train it.
 * Writes {@code footprint.md} beside the report.
 */
final class FootprintVariants {

    /** A set of options: the launcher's before this issue plus {@code extra}; {@code aot}: with a trained AOT cache. */
    record Variant(String name, List<String> extra, boolean aot) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("before (heap 256m, SerialGC, heap free ratios)", List.of(), false),
            new Variant("+ code cache 64m, stacks 512k, metaspace ≤ 256m",
                    List.of("-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:MaxMetaspaceSize=256m"), false),
            new Variant("+ C1 only (TieredStopAtLevel=1)", List.of("-XX:TieredStopAtLevel=1"), false),
            new Variant("+ Quarkus: 1 event loop, 1 core worker", List.of("-Dquarkus.vertx.event-loops-pool-size=1",
                    "-Dquarkus.thread-pool.core-threads=1"), false),
            new Variant("+ AOT cache (JDK ≥ 25) / AppCDS", List.of(), true),
            new Variant("the launcher's options now", null, true));

    private FootprintVariants() {
    }

    static String run(Stack stack, List<String> services, int idleSeconds, Path root) throws Exception {
        StringBuilder table = new StringBuilder("""
                | service | options | start → "started" | Quarkus "started in" | idle RSS |
                |---|---|---:|---:|---:|
                """);
        List<Map<String, Object>> raw = new ArrayList<>();
        for (String service : services) {
            Path appDir = root.resolve(service + "-service").resolve("target/quarkus-app");
            for (Variant v : VARIANTS) {
                List<String> options = new ArrayList<>(v.extra() == null ? JvmOptions.forApp("256m", appDir) : base());
                if (v.extra() != null) {
                    options.addAll(v.extra());
                }
                String name = service + "-" + (VARIANTS.indexOf(v) + 1);
                if (v.aot() && v.extra() != null) {
                    // train (or reuse) the cache the launcher would use, then start with it
                    List<String> cache = JvmOptions.startupCache(appDir, Runtime.version().feature());
                    if (cache.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="))) {
                        List<String> training = new ArrayList<>(options);
                        training.addAll(cache);
                        stack.startExtraService(service, name + "-training", training);
                        Thread.sleep(3_000);
                        stack.stopExtra(name + "-training");
                    }
                    options.addAll(JvmOptions.startupCache(appDir, Runtime.version().feature()));
                }
                Stack.Extra app = stack.startExtraService(service, name, options);
                try {
                    Thread.sleep(idleSeconds * 1000L);
                    double rss = Processes.rssMiB(app.pid());
                    StartAndFootprint.Started started = StartAndFootprint.lastStarted(stack.home().resolve("logs").resolve(name + ".log"));
                    double start = (started.at().toEpochMilli()
                            - ProcessHandle.of(app.pid()).flatMap(h -> h.info().startInstant()).orElseThrow().toEpochMilli()) / 1000.0;
                    table.append(String.format(Locale.ROOT, "| %s | %s | %s s | %s s | %s MiB |%n", service, v.name(),
                            Figure.num(start, 2), Figure.num(started.quarkusSeconds(), 2), Figure.num(rss, 0)));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("service", service);
                    m.put("variant", v.name());
                    m.put("options", options);
                    m.put("startSeconds", start);
                    m.put("quarkusStartedInSeconds", started.quarkusSeconds());
                    m.put("idleRssMiB", rss);
                    raw.add(m);
                    BenchMain.log(service + " / " + v.name() + ": " + Figure.num(start, 2) + " s, " + Figure.num(rss, 0) + " MiB");
                } finally {
                    stack.stopExtra(name);
                }
            }
        }
        Raw.write(root.resolve("bench/target/benchmarks/raw"), "footprint", List.of(), Map.of("starts", raw));
        return String.format(Locale.ROOT, """
                Each service started alone beside the idle stack, one set of options after the other, %d s idle before
                reading VmRSS; start is the process's start (kernel) to Quarkus's "started" log line. JDK %s, %d cores,
                load average at the end %s.

                %s""", idleSeconds, Runtime.version(), CpuShare.machineCores(), Processes.loadAverage(), table);
    }

    /** The launcher's options before issue 24: heap 256m and what JvmOptions.COMMON held then. */
    private static List<String> base() {
        return List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40");
    }
}
