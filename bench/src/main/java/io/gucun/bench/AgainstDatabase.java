package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of P1 and P3: HTTP load from wrk against one of pgbench's workloads on the stack's PostgreSQL, at the same
 * concurrency for the same time, and their ratio.
 */
final class AgainstDatabase {

    static final int CLIENTS = 8;

    /** The wrk load of a figure at a number of connections for a time. */
    interface LoadAt {
        Wrk.Load at(int connections, Duration duration) throws Exception;
    }

    /** What one such measurement gave. */
    record Outcome(int clients, Duration warm, Duration measure, Wrk.Result http, DatabaseBaseline.Result db, double ratio) {

        CpuShare load() {
            return http.cpu(CpuShare.machineCores());
        }

        /** "n unit (p50, p99)" */
        String measured(String unit) {
            return String.format(Locale.ROOT, "%s %s (p50 %s ms, p99 %s ms)", Figure.num(http.perSecond(), 0), unit,
                    Figure.num(http.p50Ms(), 2), Figure.num(http.p99Ms(), 2));
        }

        String baseline(DatabaseBaseline.Workload workload) {
            return String.format(Locale.ROOT, "%s %s TPS (mean %s ms)", workload.shortName, Figure.num(db.tps(), 0),
                    Figure.num(db.latencyMeanMs(), 2));
        }

        Map<String, Object> toMap() {
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("connections", clients);
            numbers.put("warmupSeconds", warm.toSeconds());
            numbers.put("measuredSeconds", measure.toSeconds());
            numbers.put("http", http.toMap());
            numbers.put("baseline", db.toMap());
            numbers.put("ratio", ratio);
            return numbers;
        }

        /** A row of a section's table: the HTTP figure, its load's CPU, the baseline, the ratio. */
        String tableRow(String label) {
            return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s ms | %s ms | %s ms | %d | %s | %s TPS | %s |%n",
                    label, clients, Figure.num(http.requests(), 0), Figure.num(http.perSecond(), 1),
                    Figure.num(http.meanMs(), 2), Figure.num(http.p50Ms(), 2), Figure.num(http.p99Ms(), 2),
                    http.errorCount(), Figure.percent(load().share()), Figure.num(db.tps(), 0), Figure.percent(ratio));
        }
    }

    static final String TABLE_HEAD = """
            | | connections | requests | per second | mean | p50 | p99 | errors | wrk's CPU | baseline | ratio |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            """;

    private AgainstDatabase() {
    }

    /** How long a figure warms up and measures: seconds in a smoke run, enough for the JIT in a full one. */
    static Duration warm(boolean quick) {
        // P1 runs first, on code the JIT has not compiled yet: with 5 s of warm-up it once measured a quarter of what
        // P2 measured for the same request a minute later
        return Duration.ofSeconds(quick ? 1 : 30);
    }

    static final Duration QUIET_WAIT = Duration.ofSeconds(45);

    static Duration measure(boolean quick) {
        return Duration.ofSeconds(quick ? 3 : 20);
    }

    /** Warms up, loads with wrk, then runs {@code workload} with as many connections for as long. */
    static Outcome measure(Stack stack, int clients, Duration warm, Duration measure, LoadAt load,
                           DatabaseBaseline.Workload workload, DatabaseBaseline db) throws Exception {
        // each measurement starts on a quiet machine: a registration load leaves consumers busy after wrk stops
        Quiet.await(QUIET_WAIT);
        Wrk.run(load.at(clients, warm));
        Quiet.await(QUIET_WAIT);
        Wrk.Result http = Wrk.run(load.at(clients, measure));
        Quiet.await(QUIET_WAIT);
        DatabaseBaseline.Result base = db.run(workload, clients, measure);
        return new Outcome(clients, warm, measure, http, base, Figure.ratio(http.perSecond(), base.tps()));
    }
}
