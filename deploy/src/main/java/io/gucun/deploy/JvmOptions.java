package io.gucun.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options every app is started with by the launcher and the end-to-end stack. The container image
 * ({@code deploy/docker/Dockerfile.jvm}) sets the same flags, with the heap as a share of the container's memory
 * instead of a fixed size ({@code JvmOptionsTest} keeps the two in step).
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    /** @param heap the maximum heap, e.g. {@code 256m} */
    public static List<String> forApp(String heap) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        options.addAll(COMMON);
        return options;
    }

    /** Everything but the heap size. */
    static final List<String> COMMON = List.of(
            // Small heaps and the serial collector keep a dozen JVMs on one laptop affordable.
            "-XX:+UseSerialGC");
}
