package io.gucun.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.Ids;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A burst of registrations through the gateway (R9): many officers' clients at once, each sending the next
 * registration as soon as the last is answered; a 503 with {@code Retry-After} (the gateway shedding load) is waited out
 * as a client should. Acknowledged registrations go into the load's record, so the checks afterwards cover them too.
 */
final class Burst {

    record Outcome(int clients, double seconds, long sent, long created, long busy, Map<String, Long> failures,
            long p50Millis, long p99Millis, long maxMillis) {
        double perSecond() {
            return created / seconds;
        }
    }

    private Burst() {
    }

    static Outcome run(Stack stack, Load load, int clients, Duration length) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        String token = load.token("officer.gucun"); // once: 200 clients asking Keycloak at the same moment is not the test
        AtomicLong sent = new AtomicLong();
        AtomicLong created = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String id = Ids.residentId();
                    String body = String.format("""
                            {"idNumber":"%s","name":"王小明","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                             "employmentForm":"PLATFORM_GIG","orgId":%d}""", id, Ids.mobile(), load.orgId);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/membership/members"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build();
                    sent.incrementAndGet();
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        JsonNode json = Load.parse(r);
                        if (r.statusCode() == 201) {
                            created.incrementAndGet();
                            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
                            load.registrations.add(new Load.Registration(id, json.at("/member/id").asLong(-1), 201));
                        } else if (r.statusCode() == 409 && json.has("memberId")) {
                            load.registrations.add(new Load.Registration(id, json.get("memberId").asLong(), 409));
                        } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                            String type = json.path("type").asText("").replace("urn:gucun:problem:", "");
                            if (type.equals("gateway-busy")) {
                                busy.incrementAndGet(); // shed by the gateway: never reached the service
                            } else {
                                failures.computeIfAbsent("503 " + type, k -> new AtomicLong()).incrementAndGet();
                            }
                            TimeUnit.SECONDS.sleep(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()));
                        } else {
                            failures.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicLong()).incrementAndGet();
                            TimeUnit.SECONDS.sleep(1);
                        }
                    } catch (IOException e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        TimeUnit.SECONDS.sleep(1);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(length.toSeconds() + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = latencies.stream().sorted().toList();
        Map<String, Long> byCause = new TreeMap<>();
        failures.forEach((k, v) -> byCause.put(k, v.get()));
        return new Outcome(clients, seconds, sent.get(), created.get(), busy.get(), byCause, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
