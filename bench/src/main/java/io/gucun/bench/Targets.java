package io.gucun.bench;

/**
 * The targets of the benchmarks issue (24), as verdicts: each takes the figure's numbers and says whether the target
 * was met. A figure with errors, skipped or missing work is never met, whatever its ratio.
 */
public final class Targets {

    /** P1: through the gateway, at least 15% of {@code pgbench -S} at the same concurrency. */
    public static final double P1_SHARE_OF_SELECT_ONLY = 0.15;
    /** P2: at least 80% of direct throughput, at most 0.5 ms added at p50. */
    public static final double P2_SHARE_OF_DIRECT = 0.80;
    public static final double P2_ADDED_P50_MS = 0.5;
    /** P3: at least 10% of pgbench TPC-B at 8 connections; at 32 connections not below the rate at 2. */
    public static final double P3_SHARE_OF_TPC_B = 0.10;
    public static final int P3_CONNECTIONS = 8;
    /** P4: join → subsidy posted, p99 at most 250 ms at 100 joins/s, open loop. */
    public static final double P4_P99_MS = 250;
    public static final int P4_RATE = 100;
    /** P7: each app ready in at most 3 s and idle at most 200 MiB RSS; whole stack ready in at most 45 s. */
    public static final double P7_START_SECONDS = 3;
    public static final double P7_IDLE_RSS_MIB = 200;
    public static final double P7_STACK_READY_SECONDS = 45;

    private Targets() {
    }

    static boolean p1(double shareOfSelectOnly, long errors) {
        return errors == 0 && shareOfSelectOnly >= P1_SHARE_OF_SELECT_ONLY;
    }

    static boolean p2Throughput(double shareOfDirect, long errors) {
        return errors == 0 && shareOfDirect >= P2_SHARE_OF_DIRECT;
    }

    static boolean p2Latency(double addedP50Ms, long errors) {
        return errors == 0 && addedP50Ms <= P2_ADDED_P50_MS;
    }

    static boolean p3Share(double shareOfTpcB, long errors) {
        return errors == 0 && shareOfTpcB >= P3_SHARE_OF_TPC_B;
    }

    /** Throughput that does not fall as concurrency rises: 32 connections at least as many per second as 2. */
    static boolean p3Scaling(double perSecondAt32, double perSecondAt2, long errors) {
        return errors == 0 && perSecondAt32 >= perSecondAt2;
    }

    static boolean p4(double p99Ms, long missing, long skipped, long failed) {
        return missing == 0 && skipped == 0 && failed == 0 && p99Ms <= P4_P99_MS;
    }

    static boolean p7App(double startSeconds, double idleRssMiB) {
        return startSeconds <= P7_START_SECONDS && idleRssMiB <= P7_IDLE_RSS_MIB;
    }

    static boolean p7Stack(double readySeconds) {
        return readySeconds <= P7_STACK_READY_SECONDS;
    }
}
