package io.gucun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's start-up cache for an app: which flags for which JDK, trained once, adopted after a clean exit. */
class StartupCacheTest {

    @Test
    void jdk25TrainsIntoItsOwnFileThenUsesTheCacheUntilAJarIsNewer(@TempDir Path app) throws Exception {
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        List<String> first = JvmOptions.startupCache(app, 25);
        assertThat(first).singleElement().asString().startsWith("-XX:AOTCacheOutput=" + app.resolve("gucun-jdk25.aot") + ".training-");

        // the training run exited: its file becomes the app's cache
        Path trained = Path.of(first.getFirst().substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(trained, "cache");
        JvmOptions.adoptTrainedCache(first);
        assertThat(trained).doesNotExist();
        assertThat(JvmOptions.startupCache(app, 25)).containsExactly("-XX:AOTCache=" + app.resolve("gucun-jdk25.aot"));

        // a rebuild: the cache is older than a jar, so the next run trains again
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(JvmOptions.startupCache(app, 25)).singleElement().asString().startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void aKilledTrainingRunLeavesNoCache(@TempDir Path app) throws Exception {
        List<String> training = JvmOptions.startupCache(app, 26);
        Path trained = Path.of(training.getFirst().substring("-XX:AOTCacheOutput=".length()));
        Files.createFile(trained);
        JvmOptions.adoptTrainedCache(training);
        assertThat(trained).doesNotExist();
        assertThat(app.resolve("gucun-jdk26.aot")).doesNotExist();
    }

    @Test
    void aRunCutShortKeepsNothingItWrote(@TempDir Path app) throws Exception {
        List<String> training = JvmOptions.startupCache(app, 25);
        Path trained = Path.of(training.getFirst().substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(trained, "half a cache");
        JvmOptions.discardTrainedCache(training);
        assertThat(trained).doesNotExist();
        assertThat(app.resolve("gucun-jdk25.aot")).doesNotExist();
    }

    @Test
    void olderJdksGetTheDynamicAppCdsArchiveOrNothing(@TempDir Path app) {
        assertThat(JvmOptions.startupCache(app, 21))
                .containsExactly("-XX:SharedArchiveFile=" + app.resolve("gucun-jdk21.jsa"), "-XX:+AutoCreateSharedArchive");
        assertThat(JvmOptions.startupCache(app, 17)).isEmpty();
    }
}
