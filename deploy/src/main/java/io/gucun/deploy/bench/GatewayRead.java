package io.gucun.deploy.bench;

import io.gucun.deploy.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P1: {@code GET /api/membership/members/{id}} through the gateway with the admin's real JWT (checked by the gateway
 * and again by the service, then one read of the member and its decrypt-and-mask), against {@code pgbench -S} on the
 * same PostgreSQL at the same concurrency. Target: at least 50% of pgbench's transactions per second.
 */
public final class GatewayRead implements Benchmark {

    static final int CLIENTS = 8;

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        String path = "/api/membership/members/" + api.registerOne();
        int clients = quick ? 4 : CLIENTS;
        Duration warm = Duration.ofSeconds(quick ? 1 : 5);
        Duration measure = Duration.ofSeconds(quick ? 3 : 20);
        ClosedLoad.Call call = new ClosedLoad.Call(api.get(stack.gatewayUrl(), path), 200);
        ClosedLoad.run(clients, warm, n -> call);
        Latencies gateway = ClosedLoad.run(clients, measure, n -> call);
        DatabaseBaseline.Result pg = new DatabaseBaseline(stack).run(DatabaseBaseline.Workload.SELECT_ONLY, clients, measure);

        double ratio = Figure.ratio(gateway.perSecond(), pg.tps());
        boolean met = ratio >= 0.5 && gateway.errors() == 0;
        Figure row = new Figure("P1 GET a member through the gateway, " + clients + " clients",
                String.format(Locale.ROOT, "%s req/s (p50 %s ms, p99 %s ms)", Figure.num(gateway.perSecond(), 0),
                        Figure.num(gateway.percentileMs(50), 2), Figure.num(gateway.percentileMs(99), 2)),
                String.format(Locale.ROOT, "pgbench -S %s TPS (mean %s ms)", Figure.num(pg.tps(), 0), Figure.num(pg.latencyMeanMs(), 2)),
                Figure.percent(ratio), "≥ 50%", met);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("clients", clients);
        numbers.put("warmupSeconds", warm.toSeconds());
        numbers.put("gateway", gateway.toMap());
        numbers.put("baseline", pg.toMap());
        numbers.put("ratio", ratio);
        Raw.write(raw, id(), List.of(row), numbers);

        return String.format(Locale.ROOT, """
                ## P1 — reading a member through the gateway against `pgbench -S`

                `GET /api/membership/members/{id}` with the admin's real Keycloak JWT, from %d client threads in a closed
                loop for %d s after %d s of warm-up. The gateway checks the token, the body limit and the request id, logs the
                access and proxies; the service checks the token again, reads the member and decrypts and masks its ID
                number and phone. The baseline is `%s` (%s) on the stack's own PostgreSQL, in a scratch database, at the
                same concurrency for the same time.

                | | operations | per second | mean | p50 | p99 | errors |
                |---|---:|---:|---:|---:|---:|---:|
                | through the gateway | %s | %s | %s ms | %s ms | %s ms | %d |
                | pgbench -S (baseline) | | %s | %s ms | | | |

                Gateway reads run at **%s** of pgbench's select-only rate (target ≥ 50%%: %s).
                """, clients, measure.toSeconds(), warm.toSeconds(), pg.command(), pg.tool(),
                Figure.num(gateway.count(), 0), Figure.num(gateway.perSecond(), 0), Figure.num(gateway.meanMs(), 2),
                Figure.num(gateway.percentileMs(50), 2), Figure.num(gateway.percentileMs(99), 2), gateway.errors(),
                Figure.num(pg.tps(), 0), Figure.num(pg.latencyMeanMs(), 2), Figure.percent(ratio), met ? "met" : "**missed**");
    }
}
