package io.gucun.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.deploy.JvmOptions;
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
import java.util.Map;
import java.util.TreeMap;
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
 * <p>
 * A/B in the same run: {@code -Dbench.b.jar=<a copy of another build's gateway/target/quarkus-app>/quarkus-run.jar}
 * and/or {@code -Dbench.b.prop.<key>=<value>} start a second gateway ("B") in front of the same service, from that
 * build and/or with those properties on top of the stack's; its rounds are interleaved with the other two
 * (direct, gateway, B, direct, ...) and the report adds its row and ratio.
 */
@Tag("benchmark")
@ExtendWith(RealStack.class)
class GatewayOverheadBenchmarkIT {

    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String B_PROPERTY = "bench.b.prop.";

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
        String b = startGatewayB(api);

        // warm every path (JIT, connection pools, the JWKS caches)
        load(direct + path, admin, 5);
        load(gateway + path, admin, 5);
        if (b != null) {
            load(b + path, admin, 5);
        }
        List<Run> directRuns = new ArrayList<>();
        List<Run> gatewayRuns = new ArrayList<>();
        List<Run> bRuns = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            directRuns.add(load(direct + path, admin, SECONDS));
            gatewayRuns.add(load(gateway + path, admin, SECONDS));
            if (b != null) {
                bRuns.add(load(b + path, admin, SECONDS));
            }
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
        if (b != null) {
            Run gb = merge(bRuns);
            assertThat(gb.errors()).as("errors through gateway B").isZero();
            report += String.format(Locale.ROOT, """

                    Gateway B (%s), same rounds interleaved: %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms;
                    %.0f%% of direct, added p50 = %.2f ms. Per round (direct / B req/s): %s
                    """, describeB(), gb.requests(), gb.perSecond(), gb.percentileMs(0.50), gb.percentileMs(0.99),
                    100 * gb.perSecond() / d.perSecond(), gb.percentileMs(0.50) - d.percentileMs(0.50),
                    rounds(directRuns, bRuns));
        }
        report += String.format(Locale.ROOT, "Load average at the end: %s%n", loadAverage());
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "gateway-overhead.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** Gateway B when asked for ({@code -Dbench.b.jar}, {@code -Dbench.b.prop.*}), else null. */
    private static String startGatewayB(Api api) throws Exception {
        String jar = System.getProperty("bench.b.jar");
        Map<String, String> props = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(B_PROPERTY))
                .forEach(k -> props.put(k.substring(B_PROPERTY.length()), System.getProperty(k)));
        if ((jar == null || jar.isBlank()) && props.isEmpty()) {
            return null;
        }
        return api.stack().startExtraGateway("gateway-b", jar == null || jar.isBlank() ? null : Path.of(jar), props,
                JvmOptions.forApp("256m")).url();
    }

    private static String describeB() {
        List<String> parts = new ArrayList<>();
        String jar = System.getProperty("bench.b.jar");
        if (jar != null && !jar.isBlank()) {
            parts.add("build " + jar);
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(B_PROPERTY)).sorted()
                .forEach(k -> parts.add(k.substring(B_PROPERTY.length()) + "=" + System.getProperty(k)));
        return String.join(", ", parts);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
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
