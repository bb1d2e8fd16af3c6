package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P2: what the gateway costs. The same authenticated GET of a member from wrk, straight to membership-service and
 * through the gateway, same connections, rounds interleaved (direct, gateway, direct, ...) so the machine's noise falls
 * on both. Targets: at least 80% of direct throughput, at most 0.5 ms added at p50.
 */
public final class GatewayOverhead implements Benchmark {

    @Override
    public String id() {
        return "P2";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        String path = "/api/membership/members/" + api.registerOne();
        String token = api.admin();
        int connections = AgainstDatabase.CLIENTS;
        int rounds = quick ? 1 : 3;
        Duration warm = Duration.ofSeconds(quick ? 1 : 5);
        Duration round = Duration.ofSeconds(quick ? 2 : 10);
        String direct = stack.serviceUrls("membership").getFirst() + path;
        String gateway = stack.gatewayUrl() + path;

        // warm both paths (JIT, connection pools, the JWKS caches)
        Wrk.run(Wrk.Load.get(direct, connections, warm, token));
        Wrk.run(Wrk.Load.get(gateway, connections, warm, token));
        List<Wrk.Result> directRounds = new ArrayList<>();
        List<Wrk.Result> gatewayRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            directRounds.add(Wrk.run(Wrk.Load.get(direct, connections, round, token)));
            gatewayRounds.add(Wrk.run(Wrk.Load.get(gateway, connections, round, token)));
        }
        Wrk.Result d = Wrk.combine(directRounds);
        Wrk.Result g = Wrk.combine(gatewayRounds);
        int cores = CpuShare.machineCores();

        double throughput = Figure.ratio(g.perSecond(), d.perSecond());
        double addedP50 = g.p50Ms() - d.p50Ms();
        double addedP99 = g.p99Ms() - d.p99Ms();
        long errors = d.errorCount() + g.errorCount();
        boolean throughputMet = Targets.p2Throughput(throughput, errors);
        boolean latencyMet = Targets.p2Latency(addedP50, errors);
        String load = "wrk, " + Figure.percent(d.cpu(cores).share()) + " (direct) / " + Figure.percent(g.cpu(cores).share())
                + " (gateway) of " + cores + " cores";
        List<Figure> rows = List.of(
                new Figure("P2 gateway throughput against direct, " + connections + " connections",
                        Figure.num(g.perSecond(), 0) + " req/s", "direct " + Figure.num(d.perSecond(), 0) + " req/s",
                        Figure.percent(throughput), "≥ " + Figure.percent(Targets.P2_SHARE_OF_DIRECT), throughputMet, load),
                new Figure("P2 latency the gateway adds at p50",
                        String.format(Locale.ROOT, "+%s ms (p50 %s ms)", Figure.num(addedP50, 2), Figure.num(g.p50Ms(), 2)),
                        "direct p50 " + Figure.num(d.p50Ms(), 2) + " ms", Figure.times(Figure.ratio(g.p50Ms(), d.p50Ms())),
                        "≤ +" + Targets.P2_ADDED_P50_MS + " ms", latencyMet, load));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("connections", connections);
        numbers.put("rounds", rounds);
        numbers.put("roundSeconds", round.toSeconds());
        numbers.put("direct", d.toMap());
        numbers.put("gateway", g.toMap());
        numbers.put("directRounds", directRounds.stream().map(Wrk.Result::toMap).toList());
        numbers.put("gatewayRounds", gatewayRounds.stream().map(Wrk.Result::toMap).toList());
        numbers.put("throughputRatio", throughput);
        numbers.put("addedP50Ms", addedP50);
        numbers.put("addedP99Ms", addedP99);
        Raw.write(raw, id(), rows, numbers);

        StringBuilder perRound = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            perRound.append(r == 0 ? "" : ", ").append(Figure.num(directRounds.get(r).perSecond(), 0)).append(" / ")
                    .append(Figure.num(gatewayRounds.get(r).perSecond(), 0));
        }
        return String.format(Locale.ROOT, """
                ## P2 — the gateway against calling membership-service directly

                The request of P1, `GET /api/membership/members/{id}` with a real JWT, from wrk with %d connections: straight
                to membership-service and through the gateway, in %d interleaved rounds of %d s each (direct, gateway, ...)
                after %d s of warm-up of each path, so that the machine's noise falls on both. Percentiles are the median of
                the rounds'.

                | path | requests | req/s | p50 | p99 | errors | wrk's CPU |
                |---|---:|---:|---:|---:|---:|---:|
                | membership-service directly | %s | %s | %s ms | %s ms | %d | %s |
                | through the gateway | %s | %s | %s ms | %s ms | %d | %s |

                Through the gateway: **%s of direct throughput** (target ≥ %s: %s), **%s ms added at p50** (target ≤ %s ms:
                %s) and %s ms at p99. Per round (direct / gateway req/s): %s.

                On shared cores wrk, the gateway, the service and PostgreSQL compete for CPU, so the ratio measures the
                gateway's CPU per request against the service's, more than any network hop.
                """, connections, rounds, round.toSeconds(), warm.toSeconds(),
                Figure.num(d.requests(), 0), Figure.num(d.perSecond(), 0), Figure.num(d.p50Ms(), 2),
                Figure.num(d.p99Ms(), 2), d.errorCount(), Figure.percent(d.cpu(cores).share()),
                Figure.num(g.requests(), 0), Figure.num(g.perSecond(), 0), Figure.num(g.p50Ms(), 2),
                Figure.num(g.p99Ms(), 2), g.errorCount(), Figure.percent(g.cpu(cores).share()),
                Figure.percent(throughput), Figure.percent(Targets.P2_SHARE_OF_DIRECT), throughputMet ? "met" : "**missed**",
                Figure.num(addedP50, 2), Targets.P2_ADDED_P50_MS, latencyMet ? "met" : "**missed**", Figure.num(addedP99, 2),
                perRound);
    }
}
