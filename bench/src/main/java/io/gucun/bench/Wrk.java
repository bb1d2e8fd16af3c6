package io.gucun.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * HTTP load from {@code wrk} (Debian's package; {@code ./gucun bench} installs it when missing): a closed loop of
 * {@code connections} in C with epoll, so the client costs a fraction of what a JVM client costs per request. Every
 * script ends with {@code wrk/report.lua}, whose {@code done()} prints one JSON line the harness parses. wrk runs under
 * a {@code sh} that, once wrk has exited, prints its CPU time (the shell's reaped-children time in /proc), so each
 * figure can say how much of the machine the load itself took.
 */
public final class Wrk {

    static final String SUMMARY = "GUCUN-WRK ";
    static final String CPU = "gucun-cpu ";
    /** Runs the command given after it, then prints utime stime cutime cstime of the shell and the clock's ticks per second. */
    private static final String CPU_WRAPPER =
            "\"$@\"; rc=$?; echo \"" + CPU + "$(cut -d' ' -f14-17 /proc/$$/stat) $(getconf CLK_TCK)\"; exit $rc";
    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/bin/wrk"), Path.of("/usr/local/bin/wrk"));

    /** One run's outcome: wrk's own count and latencies, and the CPU wrk used. */
    public record Result(long requests, double seconds, Map<String, Long> errors, double meanMs, double p50Ms, double p90Ms,
                         double p99Ms, double p999Ms, double maxMs, double cpuSeconds) {

        public double perSecond() {
            return seconds > 0 ? requests / seconds : Double.NaN;
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public CpuShare cpu(int cores) {
            return new CpuShare("wrk", cpuSeconds, seconds, cores);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("seconds", seconds);
            m.put("perSecond", perSecond());
            m.put("errors", errors);
            m.put("meanMs", meanMs);
            m.put("p50Ms", p50Ms);
            m.put("p90Ms", p90Ms);
            m.put("p99Ms", p99Ms);
            m.put("p999Ms", p999Ms);
            m.put("maxMs", maxMs);
            m.put("loadCpuSeconds", cpuSeconds);
            m.put("loadCpuShare", CpuShare.share(cpuSeconds, seconds, CpuShare.machineCores()));
            return m;
        }
    }

    /**
     * Rounds of the same load as one: requests, seconds, errors and CPU add up; each percentile is the median of the
     * rounds' (wrk hands out no histogram to merge), the mean is weighted by requests, the max is the largest.
     */
    static Result combine(List<Result> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        long requests = rounds.stream().mapToLong(Result::requests).sum();
        Map<String, Long> errors = new LinkedHashMap<>();
        rounds.forEach(r -> r.errors().forEach((k, v) -> errors.merge(k, v, Long::sum)));
        double mean = requests == 0 ? Double.NaN
                : rounds.stream().mapToDouble(r -> r.meanMs() * r.requests()).sum() / requests;
        return new Result(requests, rounds.stream().mapToDouble(Result::seconds).sum(), errors, mean,
                median(rounds, Result::p50Ms), median(rounds, Result::p90Ms), median(rounds, Result::p99Ms),
                median(rounds, Result::p999Ms), rounds.stream().mapToDouble(Result::maxMs).max().orElse(Double.NaN),
                rounds.stream().mapToDouble(Result::cpuSeconds).sum());
    }

    private static double median(List<Result> rounds, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** What to run: a URL, the connections, how long, headers, and the Lua script with its arguments (may be none). */
    public record Load(String url, int connections, Duration duration, List<String> headers, String script,
                       List<String> scriptArgs) {

        public static Load get(String url, int connections, Duration duration, String token) {
            return new Load(url, connections, duration, List.of("Authorization: Bearer " + token), null, List.of());
        }

        /** wrk's threads: one per core at most, never more than connections. */
        int threads() {
            return Math.max(1, Math.min(connections, CpuShare.machineCores()));
        }
    }

    private Wrk() {
    }

    /** wrk's path, or empty when it is not installed. */
    public static Optional<Path> binary() {
        return LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    }

    static Path require() {
        return binary().orElseThrow(() -> new IllegalStateException("wrk is not installed: run ./gucun bench as root (it"
                + " installs Debian's package wrk), or 'sudo apt-get install wrk' first"));
    }

    /** wrk's version line, e.g. "wrk 4.1.0 [epoll]". */
    public static String version() {
        try {
            Process p = new ProcessBuilder(require().toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("wrk").replaceAll("\\s+Copyright.*", "").trim();
        } catch (IOException e) {
            return "wrk";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk";
        }
    }

    public static Result run(Load load) throws IOException, InterruptedException {
        Path script = Files.createTempFile("gucun-wrk-", ".lua");
        try {
            Files.writeString(script, (load.script() == null ? "" : resource(load.script()) + "\n") + resource("report.lua"));
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", CPU_WRAPPER, "sh", require().toString(),
                    "-t", Integer.toString(load.threads()), "-c", Integer.toString(load.connections()),
                    "-d", Math.max(1, load.duration().toSeconds()) + "s", "--timeout", "30s", "-s", script.toString()));
            for (String h : load.headers()) {
                cmd.add("-H");
                cmd.add(h);
            }
            cmd.add(load.url());
            if (!load.scriptArgs().isEmpty()) {
                cmd.add("--");
                cmd.addAll(load.scriptArgs());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(load.duration().toSeconds() + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("wrk failed against " + load.url() + ":\n" + out);
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Reads the JSON line of report.lua and the CPU line of the wrapper from wrk's output. */
    static Result parse(String output) throws IOException {
        String json = output.lines().filter(l -> l.startsWith(SUMMARY)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no summary line from wrk's done():\n" + output))
                .substring(SUMMARY.length());
        JsonNode s = Raw.JSON.readTree(json);
        Map<String, Long> errors = new LinkedHashMap<>();
        s.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asLong()));
        JsonNode l = s.path("latencyMicros");
        return new Result(s.path("requests").asLong(), s.path("durationMicros").asLong() / 1e6, errors,
                l.path("mean").asDouble() / 1000, l.path("p50").asDouble() / 1000, l.path("p90").asDouble() / 1000,
                l.path("p99").asDouble() / 1000, l.path("p999").asDouble() / 1000, l.path("max").asDouble() / 1000,
                cpuSeconds(output));
    }

    /**
     * wrk's CPU seconds from the wrapper's line "gucun-cpu utime stime cutime cstime ticks": the shell's children
     * (cutime + cstime) are wrk alone, reaped before the line is written. NaN when the line is missing.
     */
    static double cpuSeconds(String output) {
        return output.lines().filter(l -> l.startsWith(CPU)).findFirst().map(line -> {
            String[] f = line.substring(CPU.length()).trim().split("\\s+");
            if (f.length != 5) {
                return Double.NaN;
            }
            return CpuShare.ticksToSeconds(Long.parseLong(f[2]) + Long.parseLong(f[3]), Long.parseLong(f[4]));
        }).orElse(Double.NaN);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Wrk.class.getResourceAsStream("/wrk/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no wrk script " + name + " in the harness");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
