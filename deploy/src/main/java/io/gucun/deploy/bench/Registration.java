package io.gucun.deploy.bench;

import io.gucun.deploy.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P3: real-name registration with on-site admission through the gateway ({@code POST /api/membership/members} by the
 * admin), against pgbench's TPC-B on the same PostgreSQL at the same concurrency. Target: at least 50% of TPC-B's rate.
 */
public final class Registration implements Benchmark {

    @Override
    public String id() {
        return "P3";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        int clients = quick ? 4 : GatewayRead.CLIENTS;
        Duration warm = Duration.ofSeconds(quick ? 1 : 5);
        Duration measure = Duration.ofSeconds(quick ? 3 : 20);
        String gateway = stack.gatewayUrl();
        ClosedLoad.run(clients, warm, n -> new ClosedLoad.Call(api.registration(gateway), 201));
        Latencies reg = ClosedLoad.run(clients, measure, n -> new ClosedLoad.Call(api.registration(gateway), 201));
        DatabaseBaseline.Result pg = new DatabaseBaseline(stack).run(DatabaseBaseline.Workload.TPC_B, clients, measure);

        double ratio = Figure.ratio(reg.perSecond(), pg.tps());
        boolean met = ratio >= 0.5 && reg.errors() == 0;
        Figure row = new Figure("P3 registration with on-site admission, " + clients + " clients",
                String.format(Locale.ROOT, "%s /s (p50 %s ms, p99 %s ms)", Figure.num(reg.perSecond(), 0),
                        Figure.num(reg.percentileMs(50), 1), Figure.num(reg.percentileMs(99), 1)),
                String.format(Locale.ROOT, "pgbench TPC-B %s TPS (mean %s ms)", Figure.num(pg.tps(), 0), Figure.num(pg.latencyMeanMs(), 2)),
                Figure.percent(ratio), "≥ 50%", met);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("clients", clients);
        numbers.put("warmupSeconds", warm.toSeconds());
        numbers.put("registration", reg.toMap());
        numbers.put("baseline", pg.toMap());
        numbers.put("ratio", ratio);
        Raw.write(raw, id(), List.of(row), numbers);

        return String.format(Locale.ROOT, """
                ## P3 — registration against pgbench TPC-B

                `POST /api/membership/members` through the gateway by the admin, admitting each new member on the spot into
                the town federation (org 5), from %d client threads in a closed loop for %d s after %d s of warm-up. One
                registration validates the ID number and mobile, encrypts both (AES-GCM), computes the keyed hash for the
                duplicate check, writes the member, its history, its service card and their outbox rows in one transaction,
                and its events go to Kafka through the relay (dues then posts the subsidy: P4). The baseline is `%s` (%s) on
                the stack's PostgreSQL in a scratch database at the same concurrency: five statements per transaction,
                three of them updates.

                | | operations | per second | mean | p50 | p99 | errors |
                |---|---:|---:|---:|---:|---:|---:|
                | registration + admission | %s | %s | %s ms | %s ms | %s ms | %d |
                | pgbench TPC-B (baseline) | | %s | %s ms | | | |

                Registrations run at **%s** of TPC-B's rate (target ≥ 50%%: %s).
                """, clients, measure.toSeconds(), warm.toSeconds(), pg.command(), pg.tool(),
                Figure.num(reg.count(), 0), Figure.num(reg.perSecond(), 1), Figure.num(reg.meanMs(), 1),
                Figure.num(reg.percentileMs(50), 1), Figure.num(reg.percentileMs(99), 1), reg.errors(),
                Figure.num(pg.tps(), 0), Figure.num(pg.latencyMeanMs(), 2), Figure.percent(ratio), met ? "met" : "**missed**");
    }
}
