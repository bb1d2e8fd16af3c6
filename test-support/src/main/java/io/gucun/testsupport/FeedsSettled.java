package io.gucun.testsupport;

import io.gucun.common.feed.FeedSequencer;
import io.quarkus.arc.Arc;
import java.time.Duration;

/**
 * Partner feed items are positioned shortly after their change commits (FeedSequencer): a test that reads a feed right
 * after a change waits here until nothing committed is left unpositioned, instead of sleeping.
 */
public final class FeedsSettled {

    private FeedsSettled() {
    }

    /** Returns once every committed feed item has its position (fails after 30 s). */
    public static void await() {
        FeedSequencer sequencer = Arc.container().instance(FeedSequencer.class).get();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sequencer.pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("feed items still unpositioned after 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the feed sequencer", e);
            }
        }
    }
}
