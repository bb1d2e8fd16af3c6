package io.gucun.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's root directory, under which infra keeps its working files ({@code .gucun/}). */
public final class GucunPaths {

    /** System property naming the root; {@code ./gucun} and the Maven test plugins set it. */
    public static final String ROOT_PROPERTY = "gucun.root";

    private GucunPaths() {
    }

    /**
     * The gucun root: the system property {@value #ROOT_PROPERTY} if set, else the nearest directory, from the current
     * one upwards, that holds both the {@code gucun} script and a {@code pom.xml}.
     *
     * @throws IllegalStateException if neither gives a directory
     */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + configured + " is not a directory");
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("gucun")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the gucun project root (the directory holding the 'gucun' script)"
                + " from " + start + ": run from inside the project or set -D" + ROOT_PROPERTY + "=<that directory>");
    }

    /** {@code <root>/.gucun}, the git-ignored home of infra's working files. */
    public static Path workDirectory() {
        return root().resolve(".gucun");
    }
}
