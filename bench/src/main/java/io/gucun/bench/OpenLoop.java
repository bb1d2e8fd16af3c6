package io.gucun.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop pacing: the n-th request is due at start + n/rate whatever earlier ones are doing, and its latency counts
 * from when it was due, not from when it went out, so a stall of the client or the server shows in the figures instead
 * of silently delaying the next sends (coordinated omission). More than {@code maxOutstanding} unanswered requests
 * means the system has fallen behind for good; a due request is then skipped and counted, which fails the figure.
 */
public final class OpenLoop {

    /** Time as the loop sees it; the system's in a run, a hand-moved one in tests. */
    public interface Clock {
        long nanoTime();

        void sleepUntil(long nanoTime) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long nanoTime) throws InterruptedException {
                long wait = nanoTime - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        };
    }

    /** Sends request {@code n}, due at {@code dueNanos}; the future completes true when the answer counts as success. */
    public interface Sender {
        CompletableFuture<Boolean> send(long n, long dueNanos);
    }

    /**
     * {@code answers}: latencies of successful requests from their due time; {@code lag}: how late each went out.
     */
    public record Result(Latencies answers, Latencies lag, long due, long sent, long failed, long skipped) {
    }

    private OpenLoop() {
    }

    public static Result run(int rate, Duration duration, int maxOutstanding, Clock clock, Sender sender)
            throws InterruptedException {
        Latencies answers = new Latencies();
        Latencies lag = new Latencies();
        AtomicLong failed = new AtomicLong();
        long skipped = 0;
        Semaphore outstanding = new Semaphore(maxOutstanding);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long total = Math.round(rate * (duration.toNanos() / 1e9));
        long start = clock.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + Math.round(n * 1e9 / rate);
            clock.sleepUntil(due);
            lag.recordNanos(clock.nanoTime() - due);
            if (!outstanding.tryAcquire()) {
                skipped++;
                continue;
            }
            CompletableFuture<Boolean> answer;
            try {
                answer = sender.send(n, due);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            inFlight.add(answer.whenComplete((ok, e) -> {
                long answeredAt = clock.nanoTime();
                outstanding.release();
                if (e == null && Boolean.TRUE.equals(ok)) {
                    synchronized (answers) {
                        answers.recordNanos(answeredAt - due);
                    }
                } else {
                    failed.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        answers.addSeconds((clock.nanoTime() - start) / 1e9);
        return new Result(answers, lag, total, total - skipped, failed.get(), skipped);
    }
}
