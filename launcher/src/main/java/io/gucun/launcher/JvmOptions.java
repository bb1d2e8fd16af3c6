package io.gucun.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options every app is started with by the launcher and the end-to-end stack. The container image
 * ({@code deploy/docker/Dockerfile.jvm}) sets the same flags and environment, with the heap as a share of the
 * container's memory instead of a fixed size ({@code JvmOptionsTest} keeps the two in step).
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    /**
     * @param heap the maximum heap, e.g. {@code 256m}. The heap starts small: left alone, the JVM starts with 1/64 of
     *             the machine's memory (384 MB of 24 GiB, so the whole 256 MB), and an idle service kept all of it
     *             touched (issue 11, P7: 277 → 212 MB idle RSS for membership-service, docs/benchmarks.md).
     */
    public static List<String> forApp(String heap) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        options.add("-Xms32m");
        options.addAll(COMMON);
        return options;
    }

    /** Everything but the heap size. */
    static final List<String> COMMON = List.of(
            // Small heaps and the serial collector keep a dozen JVMs on one laptop affordable.
            "-XX:+UseSerialGC",
            // grow the heap only as far as needed and give it back after a full collection
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=40");

    /**
     * Environment of the JVM process. glibc gives each thread that allocates natively an arena of its own (up to 8 per
     * core); a JVM's native allocations are few, and two arenas keep them from being spread over many half-used ones.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");
}
