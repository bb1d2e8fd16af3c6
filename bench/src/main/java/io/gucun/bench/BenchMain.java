package io.gucun.bench;

import io.gucun.infra.GucunPaths;
import io.gucun.launcher.DemoData;
import io.gucun.launcher.Stack;
import io.gucun.launcher.StackOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * {@code ./gucun bench [--only P1,P3] [--quick] [--out dir] [--p8-members N ...]}: starts the real stack on free loopback ports, runs the
 * selected {@link Benchmark}s (found with ServiceLoader, listed in META-INF/services) in id order, and writes the
 * report {@code README.md} and the raw numbers {@code raw/<id>.json} to docs/benchmarks for a full run, to
 * bench/target/benchmarks for a partial one ({@code --only}, {@code --quick}, smaller data), or to {@code --out}.
 */
public final class BenchMain {

    private static final java.util.logging.Logger KAFKA_CLIENT_LOGS = java.util.logging.Logger.getLogger("org.apache.kafka");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        KAFKA_CLIENT_LOGS.setLevel(java.util.logging.Level.WARNING);
        Path root = GucunPaths.root();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("gucun bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        options.applySizes();
        if (options.footprint()) {
            System.exit(footprint(root, options) ? 0 : 1);
        }
        List<Benchmark> selected = select(ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get).toList(),
                options);
        if (selected.isEmpty()) {
            System.err.println("gucun bench: no benchmark matches " + options.only());
            System.exit(2);
        }
        System.exit(run(root, options, selected) ? 0 : 1);
    }

    /** The benchmarks {@code --only} asks for, in id order (P1, P2, ..., P10). */
    static List<Benchmark> select(List<Benchmark> all, BenchOptions options) {
        return all.stream().filter(b -> options.selects(b.id()))
                .sorted(Comparator.comparing(Benchmark::id, Figure.BY_ID)).toList();
    }

    private static boolean run(Path root, BenchOptions options, List<Benchmark> benchmarks) throws Exception {
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String load = Processes.loadAverage();
        Path raw = options.out().resolve("raw");
        Files.createDirectories(raw);
        Path home = root.resolve(".gucun").resolve("bench");
        StackOptions stackOptions = StackOptions.ephemeral(root, home)
                // as ./gucun run starts the apps (P7 measures that)
                .startupCache(true)
                // the figures load the API far harder than any one client may; the limits are tested elsewhere
                .gatewayProperty("gucun.gateway.rate-limit.enabled", "false")
                // Keycloak has been seen to need more than 300 s at a load average of 35 on 2 cores
                .appReady(java.time.Duration.ofMinutes(15));
        if (Stack.startupCachesUntrained(root)) {
            // the first start after a build trains the JDK's start-up caches, and a training JVM runs slower: it would
            // be measured as the system's speed (P1 once read a sixth of its trained figure)
            log("training the start-up caches (first run after a build): starting and stopping the stack once");
            Path training = root.resolve(".gucun").resolve("bench-training");
            try (Stack stack = new Stack(StackOptions.ephemeral(root, training).startupCache(true)
                    .appReady(java.time.Duration.ofMinutes(15))).start()) {
                DemoData.ensure(stack);
            } finally {
                deleteTree(training);
            }
        }
        deleteTree(home.resolve("logs")); // P7 reads this run's start lines from them
        deleteTree(home.resolve("profiles")); // P10's recordings of the previous run
        log("starting the stack (PostgreSQL, Kafka, Keycloak, four services, the gateway) under " + home);
        long t0 = System.nanoTime();
        List<Report.Section> sections = new ArrayList<>();
        String loadTools = Wrk.binary().map(w -> Wrk.version()).orElse("wrk not installed (P1–P3 fail)")
                + "; P4: the JDK's HttpClient (sendAsync, open loop) in the harness JVM";
        if (Wrk.binary().isEmpty()) {
            log("wrk is not installed: P1, P2 and P3 will fail; ./gucun bench installs it when run as root"
                    + " (or: sudo apt-get install wrk)");
        }
        double readySeconds;
        try (Stack stack = new Stack(stackOptions).start()) {
            readySeconds = (System.nanoTime() - t0) / 1e9;
            log(String.format(java.util.Locale.ROOT, "stack ready in %.1f s", readySeconds));
            String demo = DemoData.ensure(stack);
            if (!demo.startsWith("demo organizations created")) {
                throw new IllegalStateException(demo);
            }
            // Idle RSS: after start and the demo data, with nothing calling, before any figure loads the apps.
            double idle = options.quick() ? 3 : 15;
            Thread.sleep((long) (idle * 1000));
            BenchRun.set(new BenchRun(readySeconds, idle, Processes.rssMiB(stack.pids())));
            for (Benchmark b : benchmarks) {
                log("running " + b.id() + (options.quick() ? " (quick)" : ""));
                long s0 = System.nanoTime();
                try {
                    String md = b.run(stack, options.quick(), raw);
                    sections.add(new Report.Section(b.id(), md, Raw.summary(raw, b.id()), null));
                    log(String.format(java.util.Locale.ROOT, "%s done in %.0f s", b.id(), (System.nanoTime() - s0) / 1e9));
                } catch (Exception | Error e) {
                    StringWriter w = new StringWriter();
                    e.printStackTrace(new PrintWriter(w));
                    System.err.println(b.id() + " failed: " + w);
                    sections.add(Report.Section.failed(b.id(), e + "\n" + w.toString().lines().skip(1).limit(8)
                            .reduce("", (a, l) -> a + l + "\n")));
                }
            }
        } finally {
            deleteTree(home.resolve("data"));
        }
        Report.Run run = new Report.Run(date, options.command(root), Processes.machine(), load,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                DatabaseBaseline.pgbenchAvailable() ? "pgbench at " + DatabaseBaseline.PGBENCH
                        : "no pgbench on this machine: JDBC equivalents of its workloads from the harness",
                String.format(java.util.Locale.ROOT, "%.1f s (from starting PostgreSQL, Kafka and Keycloak to the gateway ready)",
                        readySeconds), loadTools);
        Path report = options.out().resolve("README.md");
        Files.writeString(report, Report.render(run, sections));
        log("report: " + report);
        return sections.stream().allMatch(s -> s.failure() == null);
    }

    /** {@code --footprint}: each service alone with each set of JVM options, into footprint.md beside the report. */
    private static boolean footprint(Path root, BenchOptions options) throws Exception {
        Path home = root.resolve(".gucun").resolve("bench");
        deleteTree(home.resolve("logs"));
        log("starting the stack to start services beside it with each set of JVM options");
        try (Stack stack = new Stack(StackOptions.ephemeral(root, home).appReady(java.time.Duration.ofMinutes(15))).start()) {
            List<String> services = options.quick() ? List.of("membership") : Stack.SERVICES;
            String md = "# What each JVM option moved\n\nProduced by `" + options.command(root) + "` on "
                    + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + ".\n\n"
                    + FootprintVariants.run(stack, services, options.quick() ? 5 : 15, root);
            Files.createDirectories(options.out());
            Path report = options.out().resolve("footprint.md");
            Files.writeString(report, md);
            System.out.println(md);
            log("footprint: " + report);
            return true;
        } finally {
            deleteTree(home.resolve("data"));
        }
    }

    /** After a run the stack's data (databases, broker log, Keycloak's H2) goes; its logs stay for a look. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
