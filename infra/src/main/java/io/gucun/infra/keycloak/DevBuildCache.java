package io.gucun.infra.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the result of Keycloak's dev-mode build ({@code lib/quarkus}) next to the distribution, so a new home starts
 * without building (saves 20-35 s: a fresh home is ready in ~17 s instead of ~45-60 s).
 *
 * <p>{@code kc.sh start-dev} builds whenever the build-time options persisted in {@code lib/quarkus} differ from the
 * ones given; they are fixed in {@link KeycloakServer}, so one build serves every home made from the same distribution
 * with the same JDK. The cache is {@code <dist>.dev-builds/<key>/}, keyed by the distribution's {@code version.txt},
 * those options and the JDK's version; if it ever mismatched, Keycloak would notice and simply build again. A
 * distribution directory that cannot be written to just means no cache.
 */
final class DevBuildCache {

    private static final System.Logger LOG = System.getLogger(DevBuildCache.class.getName());

    private DevBuildCache() {
    }

    /** Where the build for these inputs is (or would be) kept. */
    static Path location(Path dist, List<String> buildOptions, Path javaHome) {
        StringBuilder key = new StringBuilder();
        key.append(read(dist.resolve("version.txt"))).append('\n');
        buildOptions.forEach(o -> key.append(o).append('\n'));
        key.append(javaVersion(javaHome));
        return dist.resolveSibling(dist.getFileName() + ".dev-builds").resolve(sha256(key.toString()).substring(0, 16));
    }

    /** Puts a cached build into {@code home/lib/quarkus}; false if there is none. */
    static boolean seed(Path cache, Path home) {
        if (!Files.isRegularFile(cache.resolve("quarkus-application.dat"))) {
            return false;
        }
        Path target = home.resolve("lib").resolve("quarkus");
        try {
            deleteRecursively(target);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(cache)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, target.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not use Keycloak's cached build " + cache + "; Keycloak will build", e);
            return false;
        }
    }

    /**
     * Keeps {@code home/lib/quarkus} (built for the fixed options by a successful start) as the cache, unless one is
     * there already. Copies through a staging directory, so a half-written cache is never used.
     */
    static void save(Path home, Path cache) {
        if (Files.exists(cache)) {
            return;
        }
        Path built = home.resolve("lib").resolve("quarkus");
        if (!Files.isRegularFile(built.resolve("quarkus-application.dat"))) {
            return;
        }
        Path staging = null;
        try {
            Files.createDirectories(cache.getParent());
            staging = Files.createTempDirectory(cache.getParent(), "." + cache.getFileName() + ".saving-");
            try (Stream<Path> files = Files.list(built)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, staging.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
            LOG.log(Level.INFO, "Kept Keycloak''s dev build in {0} for new homes", cache);
        } catch (IOException e) {
            // Read-only distribution, or another process saved it first: new homes just build for themselves.
            LOG.log(Level.DEBUG, "Did not keep Keycloak's dev build in " + cache, e);
        } finally {
            if (staging != null) {
                try {
                    deleteRecursively(staging);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** {@code JAVA_VERSION} from the JDK's {@code release} file, or its path when it has none. */
    private static String javaVersion(Path javaHome) {
        String release = read(javaHome.resolve("release"));
        for (String line : release.split("\n")) {
            if (line.startsWith("JAVA_VERSION=")) {
                return line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
            }
        }
        return javaHome.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
