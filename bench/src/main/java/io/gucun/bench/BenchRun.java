package io.gucun.bench;

import java.util.Map;

/**
 * What the harness measured while starting the stack, for the figures that report on it (P7): how long the whole
 * stack took to be ready, and each app's RSS once the stack had been idle for a while after start.
 */
public record BenchRun(double stackReadySeconds, double idleSeconds, Map<String, Double> idleRssMiB) {

    private static volatile BenchRun current;

    static void set(BenchRun run) {
        current = run;
    }

    /** The harness's start-up measurements; null outside the harness. */
    public static BenchRun current() {
        return current;
    }
}
