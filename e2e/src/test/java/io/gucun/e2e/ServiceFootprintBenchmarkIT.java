package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.e2e.Api.Response;
import io.gucun.launcher.JvmOptions;
import io.gucun.launcher.Stack;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sets of JVM options against each other, in the same run: each service is started alone beside the running stack
 * (same databases, Kafka, Keycloak) once with options A, once with B (and C, D ... when given), the order rotating per
 * round and service, and
 * for each start the report gives the time to ready, Quarkus's own "started in", the resident set (VmRSS) after an idle
 * spell, and for membership-service the throughput of an authenticated GET of a member and the RSS after it. Writes
 * {@code e2e/target/benchmarks/service-footprint.md}.
 *
 * <pre>./gucun mvn -B -ntp -o -pl e2e -am verify -Dgroups=benchmark -Dgucun.test.excludedGroups= \
 *     -Dit.test=ServiceFootprintBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 * Knobs: {@code -Dbench.jvm.a="-Xmx256m -XX:+UseSerialGC"} (default: the options before issue 11's changes),
 * {@code -Dbench.jvm.b=...} (default: the launcher's current options, {@link JvmOptions}), optionally
 * {@code -Dbench.jvm.c=...} and so on; a token {@code NAME=value} in upper case is an environment variable of the app,
 * {@code -Dbench.footprint.services=membership,dues,rights,outreach}, {@code -Dbench.footprint.rounds=1},
 * {@code -Dbench.footprint.idle-seconds=20}, {@code -Dbench.footprint.load-seconds=15}.
 */
@Tag("benchmark")
@ExtendWith(RealStack.class)
class ServiceFootprintBenchmarkIT {

    /** What the launcher used before issue 11 (P7): the baseline of the comparison. */
    private static final String BEFORE = "-Xmx256m -XX:+UseSerialGC";
    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+\\.\\d+)s");

    private record Sample(String service, String variant, int round, Duration ready, double startedIn, long idleRssKb,
                          double perSecond, long loadedRssKb) {
    }

    @Test
    void jvmOptionsAAgainstB(Api api) throws Exception {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("A", options(System.getProperty("bench.jvm.a", BEFORE)));
        variants.put("B", options(System.getProperty("bench.jvm.b", String.join(" ", JvmOptions.forApp("256m")))));
        for (char c = 'C'; c <= 'Z' && System.getProperty("bench.jvm." + Character.toLowerCase(c)) != null; c++) {
            variants.put(String.valueOf(c), options(System.getProperty("bench.jvm." + Character.toLowerCase(c))));
        }
        List<String> letters = List.copyOf(variants.keySet());
        List<String> services = List.of(System.getProperty("bench.footprint.services", "membership,dues,rights,outreach")
                .split(","));
        int rounds = Integer.getInteger("bench.footprint.rounds", 1);
        int idle = Integer.getInteger("bench.footprint.idle-seconds", 20);
        int loadSeconds = Integer.getInteger("bench.footprint.load-seconds", 15);

        String admin = api.user("admin");
        Response created = api.post(admin, "/api/membership/members", String.format("""
                {"idNumber":"%s","name":"压测","mobile":"%s","employmentForm":"STANDARD","orgId":5}""",
                Ids.residentId(), Ids.mobile()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String memberPath = "/api/membership/members/" + created.json().at("/member/id").asLong();

        Stack stack = api.stack();
        String loadAtStart = io.gucun.bench.Processes.loadAverage();
        List<Sample> samples = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (String service : services) {
                // rotate which variant starts first, so none always meets the warmer page cache
                List<String> order = new ArrayList<>(letters);
                Collections.rotate(order, round + services.indexOf(service));
                for (String variant : order) {
                    String name = service + "-" + variant.toLowerCase(Locale.ROOT) + "-" + (round + 1);
                    Stack.Extra app = stack.startExtraService(service, name, variants.get(variant));
                    try {
                        double startedIn = startedIn(stack.home().resolve("logs").resolve(name + ".log"));
                        Thread.sleep(idle * 1000L);
                        long idleRss = rssKb(app.pid());
                        double perSecond = Double.NaN;
                        long loadedRss = -1;
                        if (service.equals("membership")) {
                            perSecond = load(app.url() + memberPath, admin, loadSeconds);
                            loadedRss = rssKb(app.pid());
                        }
                        samples.add(new Sample(service, variant, round + 1, app.ready(), startedIn, idleRss, perSecond,
                                loadedRss));
                    } finally {
                        stack.stopExtra(name);
                    }
                }
            }
        }

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                # Service start and footprint: JVM options against each other (same run, each service started alone)

                %s
                | service | options | round | ready s | Quarkus started in s | idle RSS MB | GET member req/s | RSS after load MB |
                |---|---|---:|---:|---:|---:|---:|---:|
                """, variantLines(variants)));
        for (Sample s : samples) {
            report.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %d | %s | %s |%n", s.service(),
                    s.variant(), s.round(), s.ready().toMillis() / 1000.0, s.startedIn(), s.idleRssKb() / 1024,
                    Double.isNaN(s.perSecond()) ? "" : String.format(Locale.ROOT, "%.0f", s.perSecond()),
                    s.loadedRssKb() < 0 ? "" : Long.toString(s.loadedRssKb() / 1024)));
        }
        report.append(String.format(Locale.ROOT, "%nIdle %d s before reading RSS; load: 4 client threads for %d s. "
                + "Cores: %d. Load average at the start: %s; at the end: %s%n", idle, loadSeconds,
                Runtime.getRuntime().availableProcessors(), loadAtStart, io.gucun.bench.Processes.loadAverage()));
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "service-footprint.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static String variantLines(Map<String, List<String>> variants) {
        StringBuilder b = new StringBuilder();
        variants.forEach((letter, options) -> b.append(letter).append(": `").append(String.join(" ", options)).append("`\n"));
        return b.toString();
    }

    private static List<String> options(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
    }

    private static double startedIn(Path log) throws IOException {
        Matcher m = STARTED_IN.matcher(Files.readString(log));
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Requests per second of one authenticated GET, 4 client threads. */
    private static double load(String url, String token, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        long ok = 0;
        try (ExecutorService io = Executors.newFixedThreadPool(2);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        assertThat(r.statusCode()).isEqualTo(200);
                        n++;
                    }
                    return n;
                }));
            }
            for (Future<Long> f : futures) {
                ok += f.get();
            }
        }
        return ok / ((System.nanoTime() - started) / 1e9);
    }
}
