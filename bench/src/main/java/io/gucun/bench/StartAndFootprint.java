package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P7: each app's start time (its process's start, as the kernel records it, to Quarkus's "started in" log line, by
 * the same clock) and idle RSS (/proc VmRSS), and the whole stack's ready time. Baseline: a bare "hello" JVM with the
 * same flags as the services (read from a running service's command line, so it follows them when they change).
 * Targets: ≤ 3 s and ≤ 200 MiB idle per app, the whole stack ready in ≤ 45 s. It puts no load on the stack.
 */
public final class StartAndFootprint implements Benchmark {

    private static final Pattern STARTED = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) .*started in ([0-9.]+)s");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    @Override
    public String id() {
        return "P7";
    }

    /** One app: process start to its "started" line, Quarkus's own figure, and its RSS idle after start and now. */
    record App(String name, double startSeconds, double quarkusSeconds, double idleRssMiB, double rssNowMiB) {
    }

    /** The process start → "started" line, and Quarkus's own "started in" (from its main, without the JVM's boot). */
    record Started(Instant at, double quarkusSeconds) {
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchRun run = BenchRun.current();
        // Let the previous figure's work settle (relays, consumers, GC) before reading memory.
        Thread.sleep(quick ? 2_000 : 10_000);
        List<App> apps = new ArrayList<>();
        for (Map.Entry<String, Long> e : stack.pids().entrySet()) {
            Instant processStart = ProcessHandle.of(e.getValue()).flatMap(h -> h.info().startInstant())
                    .orElseThrow(() -> new IllegalStateException("no start time for " + e.getKey()));
            Started started = lastStarted(stack.home().resolve("logs").resolve(e.getKey() + ".log"));
            double idle = run != null ? run.idleRssMiB().getOrDefault(e.getKey(), Double.NaN) : Double.NaN;
            double now = Processes.rssMiB(e.getValue());
            apps.add(new App(e.getKey(), (started.at().toEpochMilli() - processStart.toEpochMilli()) / 1000.0,
                    started.quarkusSeconds(), Double.isNaN(idle) ? now : idle, now));
        }
        List<String> flags = jvmFlags(Processes.commandLine(stack.pids().values().iterator().next()));
        double[] hello = hello(flags);

        List<Figure> rows = new ArrayList<>();
        boolean allMet = true;
        for (App a : apps) {
            boolean met = Targets.p7App(a.startSeconds(), a.idleRssMiB());
            allMet &= met;
            rows.add(new Figure("P7 " + a.name() + " start, idle RSS",
                    String.format(Locale.ROOT, "%s s, %s MiB", Figure.num(a.startSeconds(), 2), Figure.num(a.idleRssMiB(), 0)),
                    String.format(Locale.ROOT, "hello JVM %s s, %s MiB", Figure.num(hello[0], 2), Figure.num(hello[1], 0)),
                    Figure.times(Figure.ratio(a.startSeconds(), hello[0])) + ", " + Figure.times(Figure.ratio(a.idleRssMiB(), hello[1])),
                    "≤ 3 s, ≤ 200 MiB", met, "none (idle)"));
        }
        double stackReady = run != null ? run.stackReadySeconds() : Double.NaN;
        boolean stackMet = Targets.p7Stack(stackReady);
        rows.add(new Figure("P7 whole stack ready", Figure.num(stackReady, 1) + " s", "", "", "≤ 45 s", stackMet,
                "none (start)"));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("apps", apps.stream().map(a -> Map.of("name", a.name(), "startSeconds", a.startSeconds(),
                "quarkusStartedInSeconds", a.quarkusSeconds(), "idleRssMiB", a.idleRssMiB(), "rssAfterLoadMiB", a.rssNowMiB())).toList());
        numbers.put("helloJvm", Map.of("flags", flags, "startSeconds", hello[0], "rssMiB", hello[1]));
        numbers.put("stackReadySeconds", stackReady);
        numbers.put("idleSecondsBeforeRss", run != null ? run.idleSeconds() : Double.NaN);
        Raw.write(raw, id(), rows, numbers);

        StringBuilder table = new StringBuilder();
        for (App a : apps) {
            table.append(String.format(Locale.ROOT, "| %s | %s s | %s s | %s MiB | %s MiB |%n", a.name(),
                    Figure.num(a.startSeconds(), 2), Figure.num(a.quarkusSeconds(), 2), Figure.num(a.idleRssMiB(), 0),
                    Figure.num(a.rssNowMiB(), 0)));
        }
        table.append(String.format(Locale.ROOT, "| hello JVM (baseline) | %s s | | %s MiB | |%n",
                Figure.num(hello[0], 2), Figure.num(hello[1], 0)));
        return String.format(Locale.ROOT, """
                ## P7 — start time and memory of each app; the whole stack's ready time

                Start time is from the app's process start, as the kernel records it, to the "started in" line Quarkus logs
                when it listens, by the same clock; Quarkus's own "started in" (from its main, without the JVM's boot) is
                shown beside it. The apps start together, four services at once and then the gateway, on the machine's
                shared cores, as `./gucun run` starts them. Idle RSS is /proc's VmRSS of each process %s s after the stack was
                ready and before any figure loaded it; "after the figures" is the same once the earlier figures of this run
                had loaded it. The baseline is a bare "hello" JVM (`io.gucun.bench.Hello`) with the services' JVM
                flags (`%s`), timed the same way, alone.

                | app | start → ready | Quarkus "started in" | idle RSS | RSS after the figures |
                |---|---:|---:|---:|---:|
                %s
                Whole stack: **%s s** from starting PostgreSQL, Kafka and Keycloak (in parallel) to the gateway ready
                (target ≤ 45 s: %s). Targets ≤ 3 s and ≤ 200 MiB per app: %s. What each JVM option moved:
                [`footprint.md`](footprint.md).
                """, Figure.num(run != null ? run.idleSeconds() : 0, 0), String.join(" ", flags), table,
                Figure.num(stackReady, 1), stackMet ? "met" : "**missed**",
                allMet ? "met by every app" : "**missed** (see the summary)");
    }

    /** The last "started in" line of an app's log (the log is appended to across restarts). */
    static Started lastStarted(Path log) throws Exception {
        Started last = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Started s = parseStarted(line);
            if (s != null) {
                last = s;
            }
        }
        if (last == null) {
            throw new IllegalStateException("no 'started in' line in " + log);
        }
        return last;
    }

    static Started parseStarted(String line) {
        Matcher m = STARTED.matcher(line);
        if (!m.find()) {
            return null;
        }
        Instant at = LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
        return new Started(at, Double.parseDouble(m.group(2)));
    }

    /** The JVM options of a command line: what comes before -jar or the main class, without system properties. */
    static List<String> jvmFlags(List<String> commandLine) {
        List<String> flags = new ArrayList<>();
        for (String arg : commandLine.subList(1, commandLine.size())) {
            if (arg.equals("-jar") || arg.equals("-cp") || !arg.startsWith("-")) {
                break;
            }
            if (!arg.startsWith("-D")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    /** Starts the Hello JVM with {@code flags}: {seconds from process start to its line, RSS in MiB after 2 s}. */
    private static double[] hello(List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        cmd.add(Hello.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (line == null || !line.startsWith("hello ")) {
                throw new IllegalStateException("the hello JVM said " + line);
            }
            long saidAt = Long.parseLong(line.substring(6).trim());
            Instant started = p.info().startInstant().orElseThrow();
            Thread.sleep(2_000);
            double rss = Processes.rssMiB(p.pid());
            return new double[] {(saidAt - started.toEpochMilli()) / 1000.0, rss};
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
