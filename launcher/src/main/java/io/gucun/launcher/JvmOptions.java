package io.gucun.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * {@link #forApp(String)} plus the JDK's start-up cache for the app in {@code appDir} (its quarkus-app folder), by
     * what the JDK that runs it offers: JDK 25 and newer an AOT cache (JEP 483/514: classes loaded and linked, and
     * method profiles), trained by the app's first run after a build and used from the next; JDK 19 to 24 a dynamic
     * AppCDS archive the JVM makes and renews itself; older JDKs nothing.
     */
    public static List<String> forApp(String heap, Path appDir) {
        List<String> options = new ArrayList<>(forApp(heap));
        options.addAll(startupCache(appDir, Runtime.version().feature()));
        return options;
    }

    static final String AOT_CACHE = "-XX:AOTCache=";
    static final String AOT_CACHE_OUTPUT = "-XX:AOTCacheOutput=";
    private static final String TRAINING = ".training-";

    public static List<String> startupCache(Path appDir, int jdk) {
        if (jdk >= 25) {
            Path cache = appDir.resolve("gucun-jdk" + jdk + ".aot");
            if (isFresh(cache, appDir)) {
                return List.of(AOT_CACHE + cache);
            }
            // each training run writes its own file; the launcher adopts it once the app exited (adoptTrainedCache),
            // so two instances training at once never write one file, and a killed one leaves none half-written
            return List.of(AOT_CACHE_OUTPUT + cache + TRAINING + ProcessHandle.current().pid() + "-" + System.nanoTime());
        }
        if (jdk >= 19) {
            return List.of("-XX:SharedArchiveFile=" + appDir.resolve("gucun-jdk" + jdk + ".jsa"), "-XX:+AutoCreateSharedArchive");
        }
        return List.of();
    }

    /** Whether the app in {@code appDir} would start as a training run: JDK 25 and newer without a fresh AOT cache. */
    public static boolean needsTraining(Path appDir) {
        int jdk = Runtime.version().feature();
        return jdk >= 25 && !isFresh(appDir.resolve("gucun-jdk" + jdk + ".aot"), appDir);
    }

    /** A cache newer than every jar of the app: the JVM would refuse one made for other jars (and say so in the log). */
    static boolean isFresh(Path cache, Path appDir) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (var jars = Files.walk(appDir)) {
            long made = Files.getLastModifiedTime(cache).toMillis();
            return jars.filter(p -> p.toString().endsWith(".jar")).allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() <= made;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * After an app that trained an AOT cache has exited: its cache becomes the app's (a JVM that was killed wrote none,
     * or an empty one, which goes).
     */
    static void adoptTrainedCache(List<String> jvmOptions) {
        settleTrainedCache(jvmOptions, true);
    }

    /** After an app that trained was killed or cut short: whatever it wrote goes. */
    static void discardTrainedCache(List<String> jvmOptions) {
        settleTrainedCache(jvmOptions, false);
    }

    private static void settleTrainedCache(List<String> jvmOptions, boolean keep) {
        for (String option : jvmOptions) {
            if (!option.startsWith(AOT_CACHE_OUTPUT) || !option.contains(TRAINING)) {
                continue;
            }
            Path trained = Path.of(option.substring(AOT_CACHE_OUTPUT.length()));
            Path cache = Path.of(trained.toString().substring(0, trained.toString().lastIndexOf(TRAINING)));
            try {
                if (keep && Files.isRegularFile(trained) && Files.size(trained) > 0) {
                    Files.move(trained, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(trained);
                }
                Files.deleteIfExists(Path.of(trained + ".config"));
            } catch (IOException e) {
                System.err.println("could not keep the AOT cache " + trained + ": " + e);
            }
        }
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
