package io.gucun.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.deploy.e2e.Api.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the gateway costs: the same authenticated GET of a member (real Keycloak JWT, validated by the gateway and again
 * by the service), called directly on membership-service and through the gateway, same concurrency, same run, rounds
 * interleaved so that the machine's noise falls on both. Prints throughput, p50 and p99, and the ratios; writes them
 * to {@code deploy/target/benchmarks/gateway-overhead.md}.
 *
 * <pre>./gucun mvn -B -ntp -pl deploy -am verify -Dgroups=benchmark -Dgucun.test.excludedGroups= \
 *     -Dit.test=GatewayOverheadBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Knobs: {@code -Dbench.threads=8 -Dbench.seconds=15 -Dbench.rounds=3}.
 */
@Tag("benchmark")
@ExtendWith(RealStack.class)
class GatewayOverheadBenchmarkIT {

    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    private record Run(long requests, long errors, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    @Test
    void theGatewayAgainstCallingTheServiceDirectly(Api api) throws Exception {
        String admin = api.user("admin");
        Response created = api.post(admin, "/api/membership/members", String.format("""
                {"idNumber":"%s","name":"压测","mobile":"%s","employmentForm":"STANDARD","orgId":5}""",
                Ids.residentId(), Ids.mobile()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = "/api/membership/members/" + created.json().at("/member/id").asLong();
        String direct = api.stack().serviceUrls("membership").getFirst();
        String gateway = api.stack().gatewayUrl();

        // warm both paths (JIT, connection pools, the JWKS caches)
        load(direct + path, admin, 5);
        load(gateway + path, admin, 5);
        List<Run> directRuns = new ArrayList<>();
        List<Run> gatewayRuns = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            directRuns.add(load(direct + path, admin, SECONDS));
            gatewayRuns.add(load(gateway + path, admin, SECONDS));
        }
        Run d = merge(directRuns);
        Run g = merge(gatewayRuns);
        assertThat(d.errors()).as("errors calling the service directly").isZero();
        assertThat(g.errors()).as("errors through the gateway").isZero();

        String report = String.format(Locale.ROOT, """
                # Gateway overhead (GET a member, real JWT, %d client threads, %d × %d s interleaved rounds)

                | path | requests | req/s | p50 ms | p99 ms |
                |---|---:|---:|---:|---:|
                | membership-service directly | %d | %.0f | %.2f | %.2f |
                | through the gateway | %d | %.0f | %.2f | %.2f |

                Gateway throughput = %.0f%% of direct; added p50 = %.2f ms; added p99 = %.2f ms.
                Cores: %d. Per round (direct / gateway req/s): %s
                """,
                THREADS, ROUNDS, SECONDS,
                d.requests(), d.perSecond(), d.percentileMs(0.50), d.percentileMs(0.99),
                g.requests(), g.perSecond(), g.percentileMs(0.50), g.percentileMs(0.99),
                100 * g.perSecond() / d.perSecond(), g.percentileMs(0.50) - d.percentileMs(0.50),
                g.percentileMs(0.99) - d.percentileMs(0.99), Runtime.getRuntime().availableProcessors(),
                rounds(directRuns, gatewayRuns));
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "gateway-overhead.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static Run load(String url, String token, int seconds) throws Exception {
        try (ExecutorService io = Executors.newFixedThreadPool(2);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build()) {
            return load(http, url, token, seconds);
        }
    }

    private static Run load(HttpClient http, String url, String token, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        List<long[]> perThread = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            for (Future<long[]> f : futures) {
                perThread.add(f.get());
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Run(all.length, errors.get(), elapsed, all);
    }

    private static Run merge(List<Run> runs) {
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
        return new Run(all.length, runs.stream().mapToLong(Run::errors).sum(),
                runs.stream().mapToDouble(Run::seconds).sum(), all);
    }

    private static String rounds(List<Run> direct, List<Run> gateway) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < direct.size(); i++) {
            b.append(String.format(Locale.ROOT, "%s%.0f / %.0f", i == 0 ? "" : ", ", direct.get(i).perSecond(),
                    gateway.get(i).perSecond()));
        }
        return b.toString();
    }
}
