package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The open loop's accounting on a clock moved by hand: latencies count from when a request was due. */
class OpenLoopTest {

    /** A clock that only moves when told to, or when the loop sleeps until a later time. */
    static class HandClock implements OpenLoop.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long nanoTime) {
            now = Math.max(now, nanoTime);
        }

        void advanceMillis(long ms) {
            now += ms * 1_000_000;
        }
    }

    @Test
    void sendsOnScheduleAndTimesEachAnswerFromItsDueTime() throws Exception {
        HandClock clock = new HandClock();
        List<Long> sentAt = new ArrayList<>();
        // every answer takes 5 ms
        OpenLoop.Result r = OpenLoop.run(10, Duration.ofSeconds(1), 100, clock, (n, due) -> {
            sentAt.add(clock.nanoTime());
            clock.advanceMillis(5);
            return CompletableFuture.completedFuture(true);
        });
        assertThat(r.due()).isEqualTo(10);
        assertThat(r.sent()).isEqualTo(10);
        assertThat(sentAt).containsExactly(0L, 100_000_000L, 200_000_000L, 300_000_000L, 400_000_000L, 500_000_000L,
                600_000_000L, 700_000_000L, 800_000_000L, 900_000_000L);
        assertThat(r.answers().count()).isEqualTo(10);
        assertThat(r.answers().percentileMs(50)).isCloseTo(5, within(0.01));
        assertThat(r.lag().maxMs()).isEqualTo(0.0);
    }

    @Test
    void aStallCountsForEveryRequestThatWasDueDuringIt() throws Exception {
        HandClock clock = new HandClock();
        // the first send blocks the sender for 350 ms (a stall of the client or a full socket); the others are instant
        OpenLoop.Result r = OpenLoop.run(10, Duration.ofSeconds(1), 100, clock, (n, due) -> {
            if (n == 0) {
                clock.advanceMillis(350);
            }
            return CompletableFuture.completedFuture(true);
        });
        Latencies l = r.answers();
        assertThat(l.count()).isEqualTo(10);
        // due at 0, 100, 200, 300 ms, all answered at 350 ms: 350, 250, 150, 50 ms; not 350, 0, 0, 0 as a closed loop
        // that timed from the actual send would say
        assertThat(l.maxMs()).isCloseTo(350, within(0.5));
        assertThat(l.percentileMs(70)).isCloseTo(50, within(0.1));
        assertThat(l.percentileMs(80)).isCloseTo(150, within(0.2));
        assertThat(l.percentileMs(90)).isCloseTo(250, within(0.3));
        assertThat(r.lag().maxMs()).isCloseTo(250, within(0.3));
    }

    @Test
    void answersStillOutstandingAreTimedWhenTheyArrive() throws Exception {
        HandClock clock = new HandClock();
        List<CompletableFuture<Boolean>> pending = new ArrayList<>();
        OpenLoop.Sender sender = (n, due) -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            pending.add(f);
            if (n == 4) { // the last one due: the server answers them all 1 s later, one failing
                clock.advanceMillis(1_000);
                for (int i = 0; i < pending.size(); i++) {
                    pending.get(i).complete(i != 2);
                }
            }
            return f;
        };
        OpenLoop.Result r = OpenLoop.run(5, Duration.ofSeconds(1), 100, clock, sender);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.answers().count()).isEqualTo(4);
        // due at 0, 200, 600, 800 ms (400 failed), all answered at 1,800 ms
        assertThat(r.answers().maxMs()).isCloseTo(1_800, within(2.0));
        assertThat(r.answers().percentileMs(25)).isCloseTo(1_000, within(1.0));
    }

    @Test
    void beyondTheOutstandingLimitDueRequestsAreSkippedAndCounted() throws Exception {
        List<CompletableFuture<Boolean>> unanswered = new ArrayList<>();
        // the first three hang until the loop waits for the fifth (due at 400 ms); then they are answered
        HandClock clock = new HandClock() {
            @Override
            public void sleepUntil(long nanoTime) {
                super.sleepUntil(nanoTime);
                if (nanoTime >= 400_000_000L) {
                    unanswered.forEach(f -> f.complete(true));
                }
            }
        };
        OpenLoop.Result r = OpenLoop.run(10, Duration.ofMillis(500), 3, clock, (n, due) -> {
            if (n < 3) {
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                unanswered.add(f);
                return f;
            }
            return CompletableFuture.completedFuture(true);
        });
        assertThat(r.due()).isEqualTo(5);
        assertThat(r.skipped()).isEqualTo(1); // the fourth, due at 300 ms, found three unanswered
        assertThat(r.sent()).isEqualTo(4);
        assertThat(r.answers().count()).isEqualTo(4);
        assertThat(r.failed()).isZero();
    }
}
