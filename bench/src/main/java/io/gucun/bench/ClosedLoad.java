package io.gucun.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load: a fixed number of platform threads, each sending its next request when the last one
 * answered, for a fixed time. It runs inside the harness's JVM with java.net.http, so the report needs nothing
 * installed (wrk is not on these machines, Gatling would be a second build and JVM for the same closed loop).
 */
public final class ClosedLoad {

    /** A request and the status that counts as success. */
    public record Call(HttpRequest request, int expectedStatus) {
    }

    private ClosedLoad() {
    }

    /**
     * Runs {@code threads} loops for {@code duration}; {@code calls} makes the n-th request of the run (n counts
     * over all threads). Only answers with the expected status are timed, the rest count as errors.
     */
    public static Latencies run(int threads, Duration duration, IntFunction<Call> calls) throws Exception {
        try (ExecutorService io = Executors.newFixedThreadPool(2);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                     .connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            long started = System.nanoTime();
            long end = started + duration.toNanos();
            List<Future<Latencies>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    Latencies mine = new Latencies();
                    while (System.nanoTime() < end) {
                        Call call = calls.apply(next.getAndIncrement());
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(call.request(), HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == call.expectedStatus()) {
                                mine.recordNanos(System.nanoTime() - t0);
                            } else {
                                mine.error();
                            }
                        } catch (IOException e) {
                            mine.error();
                        }
                    }
                    return mine;
                }));
            }
            Latencies all = new Latencies();
            for (Future<Latencies> f : futures) {
                all.add(f.get());
            }
            all.addSeconds((System.nanoTime() - started) / 1e9);
            return all;
        }
    }
}
