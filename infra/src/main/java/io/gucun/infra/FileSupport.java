package io.gucun.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/** File chores shared by the servers. */
final class FileSupport {

    private FileSupport() {
    }

    /** The last {@code lines} lines of a log file, for error messages; a note instead if it cannot be read. */
    static String tail(Path file, int lines) {
        if (file == null || !Files.isReadable(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return "--- last lines of " + file + " ---\n" + String.join("\n", last);
    }

    static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** Deletes a file or a directory tree; nothing if it does not exist. */
    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }

    /**
     * Empties {@code dir} for a clean start, but only if it is empty or looks like what we made there ({@code marker}
     * exists in it): a mistyped path must not wipe someone's home directory.
     */
    static void wipe(Path dir, String marker, String what) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(what + " data directory " + dir + " is a file, not a directory");
        }
        if (!isEmptyDirectory(dir) && !Files.exists(dir.resolve(marker))) {
            throw new IllegalStateException("Refusing to wipe " + dir + ": it is not empty and does not look like a "
                    + what + " data directory (no " + marker + ")");
        }
        deleteRecursively(dir);
    }
}
