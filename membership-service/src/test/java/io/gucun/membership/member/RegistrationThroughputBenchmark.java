package io.gucun.membership.member;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of real-name registration (an officer registers and admits a worker on the spot: validation, AES-GCM
 * of ID and mobile, HMAC index, duplicate check, member + history + card + outbox rows) and of lookup by ID number
 * (validation, HMAC, indexed read), over HTTP against real PostgreSQL. The baseline, measured in the same run with
 * the same concurrency and pool, is the bare database work: one-row INSERTs and indexed SELECTs by a hash column.
 * Not part of the test command: {@code ./gucun mvn -pl membership-service -am verify -Dgroups=benchmark
 * -Dgucun.test.excludedGroups= -Dtest=RegistrationThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class RegistrationThroughputBenchmark {

    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final int REGISTRATIONS = Integer.getInteger("bench.registrations", 3000);
    private static final int LOOKUPS = Integer.getInteger("bench.lookups", 6000);
    private static final int WARMUP = 300;

    @Inject
    DataSource dataSource;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void registrationAndLookupThroughput() throws Exception {
        var tree = MemberApi.tree();
        Actors.officer("officer.bench", tree.jointArea().path());
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(THREADS)).build();
        String base = "http://127.0.0.1:" + RestAssured.port + MemberApi.BASE;

        List<String> warmIds = ids(WARMUP);
        run(WARMUP, i -> register(http, base, warmIds.get(i), tree.jointArea().id()));
        List<String> ids = ids(REGISTRATIONS);
        Result registration = run(REGISTRATIONS, i -> register(http, base, ids.get(i), tree.jointArea().id()));
        run(WARMUP, i -> lookup(http, base, warmIds.get(i % warmIds.size())));
        Result lookup = run(LOOKUPS, i -> lookup(http, base, ids.get(i % ids.size())));

        Result insert;
        Result select;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_baseline (id bigserial primary key, id_hash varchar(64) not null unique, "
                    + "payload varchar(400) not null)");
            s.execute("truncate bench_baseline");
        }
        try {
            run(WARMUP, i -> insertBaseline("w" + i));
            insert = run(REGISTRATIONS, i -> insertBaseline("r" + i));
            select = run(LOOKUPS, i -> selectBaseline("r" + (i % REGISTRATIONS)));
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop table bench_baseline");
            }
        }

        String report = String.format(Locale.ROOT, """

                == membership registration and lookup throughput (%d client threads, %d cores) ==
                registration (HTTP, on-site admission)  %8.0f /s   p50 %6.1f ms  p95 %6.1f ms  errors %d
                baseline one-row INSERT (JDBC)          %8.0f /s   p50 %6.1f ms  p95 %6.1f ms
                  registration / baseline: %.3f
                lookup by ID number (HTTP)              %8.0f /s   p50 %6.1f ms  p95 %6.1f ms  errors %d
                baseline indexed SELECT (JDBC)          %8.0f /s   p50 %6.1f ms  p95 %6.1f ms
                  lookup / baseline: %.3f
                """, THREADS, Runtime.getRuntime().availableProcessors(),
                registration.perSecond(), registration.p50(), registration.p95(), registration.errors(),
                insert.perSecond(), insert.p50(), insert.p95(), registration.perSecond() / insert.perSecond(),
                lookup.perSecond(), lookup.p50(), lookup.p95(), lookup.errors(),
                select.perSecond(), select.p50(), select.p95(), lookup.perSecond() / select.perSecond());
        System.out.println(report);
        if (registration.errors() > 0 || lookup.errors() > 0) {
            throw new AssertionError("requests failed during the benchmark: " + report);
        }
    }

    private static List<String> ids(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TestIds.idNumber());
        }
        return out;
    }

    private static boolean register(HttpClient http, String base, String idNumber, long orgId) throws Exception {
        String body = "{\"idNumber\":\"" + idNumber + "\",\"name\":\"王小明\",\"mobile\":\"" + TestIds.mobile()
                + "\",\"employmentForm\":\"PLATFORM_GIG\",\"occupationCategory\":\"COURIER\",\"orgId\":" + orgId + "}";
        return send(http, base + "/members", body) == 201;
    }

    private static boolean lookup(HttpClient http, String base, String idNumber) throws Exception {
        return send(http, base + "/members/lookup", "{\"idNumber\":\"" + idNumber + "\"}") == 200;
    }

    private static int send(HttpClient http, String url, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private boolean insertBaseline(String key) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into bench_baseline (id_hash, payload) values (?, ?)")) {
            ps.setString(1, sha256(key));
            ps.setString(2, "x".repeat(300));
            return ps.executeUpdate() == 1;
        }
    }

    private boolean selectBaseline(String key) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, payload from bench_baseline where id_hash = ?")) {
            ps.setString(1, sha256(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    interface Call {
        boolean call(int i) throws Exception;
    }

    record Result(double perSecond, double p50, double p95, int errors) {
    }

    /** Runs {@code n} calls on {@link #THREADS} threads; per-call latency in ms. */
    private static Result run(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] latency = new double[n];
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    if (!call.call(i)) {
                        errors.incrementAndGet();
                    }
                    latency[i] = (System.nanoTime() - t0) / 1e6;
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latency);
        return new Result(n / seconds, latency[n / 2], latency[(int) (n * 0.95)], errors.get());
    }
}
