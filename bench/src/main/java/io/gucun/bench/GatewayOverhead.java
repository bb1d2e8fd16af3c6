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
 * P2: what the gateway costs. The same authenticated GET of a member straight to membership-service and through the
 * gateway, same concurrency, rounds interleaved (direct, gateway, direct, ...) so the machine's noise falls on both.
 * Targets: at least 80% of direct throughput, at most 1 ms added at p50.
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
        int clients = quick ? 4 : AgainstDatabase.CLIENTS;
        int rounds = quick ? 1 : 3;
        Duration warm = Duration.ofSeconds(quick ? 1 : 5);
        Duration round = Duration.ofSeconds(quick ? 2 : 10);
        ClosedLoad.Call direct = new ClosedLoad.Call(api.get(stack.serviceUrls("membership").getFirst(), path), 200);
        ClosedLoad.Call gateway = new ClosedLoad.Call(api.get(stack.gatewayUrl(), path), 200);

        // warm both paths (JIT, connection pools, the JWKS caches)
        ClosedLoad.run(clients, warm, n -> direct);
        ClosedLoad.run(clients, warm, n -> gateway);
        List<Latencies> directRounds = new ArrayList<>();
        List<Latencies> gatewayRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            directRounds.add(ClosedLoad.run(clients, round, n -> direct));
            gatewayRounds.add(ClosedLoad.run(clients, round, n -> gateway));
        }
        Latencies d = merge(directRounds);
        Latencies g = merge(gatewayRounds);

        double throughput = Figure.ratio(g.perSecond(), d.perSecond());
        double addedP50 = g.percentileMs(50) - d.percentileMs(50);
        double addedP99 = g.percentileMs(99) - d.percentileMs(99);
        boolean clean = d.errors() == 0 && g.errors() == 0;
        boolean throughputMet = throughput >= 0.8 && clean;
        boolean latencyMet = addedP50 <= 1.0 && clean;
        List<Figure> rows = List.of(
                new Figure("P2 gateway throughput against direct, " + clients + " clients",
                        Figure.num(g.perSecond(), 0) + " req/s", "direct " + Figure.num(d.perSecond(), 0) + " req/s",
                        Figure.percent(throughput), "≥ 80%", throughputMet),
                new Figure("P2 latency the gateway adds at p50",
                        String.format(Locale.ROOT, "+%s ms (p50 %s ms)", Figure.num(addedP50, 2), Figure.num(g.percentileMs(50), 2)),
                        "direct p50 " + Figure.num(d.percentileMs(50), 2) + " ms",
                        Figure.times(Figure.ratio(g.percentileMs(50), d.percentileMs(50))), "≤ +1 ms", latencyMet));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("clients", clients);
        numbers.put("rounds", rounds);
        numbers.put("roundSeconds", round.toSeconds());
        numbers.put("direct", d.toMap());
        numbers.put("gateway", g.toMap());
        numbers.put("directRounds", directRounds.stream().map(Latencies::toMap).toList());
        numbers.put("gatewayRounds", gatewayRounds.stream().map(Latencies::toMap).toList());
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

                The request of P1, `GET /api/membership/members/{id}` with a real JWT, from %d client threads: straight to
                membership-service and through the gateway, in %d interleaved rounds of %d s each (direct, gateway, ...)
                after %d s of warm-up of each path, so that the machine's noise falls on both.

                | path | requests | req/s | p50 | p99 | errors |
                |---|---:|---:|---:|---:|---:|
                | membership-service directly | %s | %s | %s ms | %s ms | %d |
                | through the gateway | %s | %s | %s ms | %s ms | %d |

                Through the gateway: **%s of direct throughput** (target ≥ 80%%: %s), **%s ms added at p50** (target ≤ 1 ms:
                %s) and %s ms at p99. Per round (direct / gateway req/s): %s.

                On shared cores the client, the gateway, the service and PostgreSQL compete for CPU, so the ratio measures
                the gateway's CPU per request against the service's, more than any network hop.
                """, clients, rounds, round.toSeconds(), warm.toSeconds(),
                Figure.num(d.count(), 0), Figure.num(d.perSecond(), 0), Figure.num(d.percentileMs(50), 2),
                Figure.num(d.percentileMs(99), 2), d.errors(),
                Figure.num(g.count(), 0), Figure.num(g.perSecond(), 0), Figure.num(g.percentileMs(50), 2),
                Figure.num(g.percentileMs(99), 2), g.errors(),
                Figure.percent(throughput), throughputMet ? "met" : "**missed**", Figure.num(addedP50, 2),
                latencyMet ? "met" : "**missed**", Figure.num(addedP99, 2), perRound);
    }

    private static Latencies merge(List<Latencies> rounds) {
        Latencies all = new Latencies();
        rounds.forEach(all::add);
        return all;
    }
}
