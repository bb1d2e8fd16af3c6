package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The shape of P1 and P3: a closed HTTP load against one of pgbench's workloads on the stack's PostgreSQL, at the same
 * concurrency for the same time, and their ratio against a target share of the database's rate.
 */
final class AgainstDatabase {

    static final int CLIENTS = 8;

    /** What one such figure measured. */
    record Outcome(int clients, Duration warm, Duration measure, Latencies http, DatabaseBaseline.Result db, double ratio,
                   double target) {

        boolean met() {
            return ratio >= target && http.errors() == 0;
        }

        /** Writes {@code <id>.json} with its summary row: {@code what} at "n unit/s (p50, p99)" against the database. */
        void write(Path raw, String id, String what, String unit, DatabaseBaseline.Workload workload) throws Exception {
            Figure row = new Figure(id + " " + what + ", " + clients + " clients",
                    String.format(Locale.ROOT, "%s %s (p50 %s ms, p99 %s ms)", Figure.num(http.perSecond(), 0), unit,
                            Figure.num(http.percentileMs(50), 2), Figure.num(http.percentileMs(99), 2)),
                    String.format(Locale.ROOT, "%s %s TPS (mean %s ms)", workload.shortName, Figure.num(db.tps(), 0),
                            Figure.num(db.latencyMeanMs(), 2)),
                    Figure.percent(ratio), "≥ " + Figure.percent(target), met());
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("clients", clients);
            numbers.put("warmupSeconds", warm.toSeconds());
            numbers.put("measuredSeconds", measure.toSeconds());
            numbers.put("http", http.toMap());
            numbers.put("baseline", db.toMap());
            numbers.put("ratio", ratio);
            Raw.write(raw, id, List.of(row), numbers);
        }

        /** The section's table and verdict. */
        String table(String label, DatabaseBaseline.Workload workload) {
            return String.format(Locale.ROOT, """
                    | | operations | per second | mean | p50 | p99 | errors |
                    |---|---:|---:|---:|---:|---:|---:|
                    | %s | %s | %s | %s ms | %s ms | %s ms | %d |
                    | %s (baseline) | | %s | %s ms | | | |

                    That is **%s** of the database's rate (target ≥ %s: %s).
                    """, label, Figure.num(http.count(), 0), Figure.num(http.perSecond(), 1), Figure.num(http.meanMs(), 2),
                    Figure.num(http.percentileMs(50), 2), Figure.num(http.percentileMs(99), 2), http.errors(),
                    workload.shortName, Figure.num(db.tps(), 0), Figure.num(db.latencyMeanMs(), 2),
                    Figure.percent(ratio), Figure.percent(target), met() ? "met" : "**missed**");
        }
    }

    private AgainstDatabase() {
    }

    /** Warms up, loads with {@code calls}, then runs {@code workload} with as many clients for as long. */
    static Outcome measure(Stack stack, boolean quick, IntFunction<ClosedLoad.Call> calls, DatabaseBaseline.Workload workload,
                           double target) throws Exception {
        int clients = quick ? 4 : CLIENTS;
        // P1 runs first, on code the JIT has not compiled yet: with 5 s of warm-up it measured a quarter of what P2
        // measured for the same request a minute later (220 against 895 req/s through the gateway).
        Duration warm = Duration.ofSeconds(quick ? 1 : 30);
        Duration measure = Duration.ofSeconds(quick ? 3 : 20);
        ClosedLoad.run(clients, warm, calls);
        Latencies http = ClosedLoad.run(clients, measure, calls);
        DatabaseBaseline.Result db = new DatabaseBaseline(stack).run(workload, clients, measure);
        return new Outcome(clients, warm, measure, http, db, Figure.ratio(http.perSecond(), db.tps()), target);
    }
}
