package io.gucun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.GucunPaths;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launcher and the container image start the apps with the same JVM flags (the heap size aside). */
class JvmOptionsTest {

    @Test
    void theImageSetsEveryFlagTheLauncherSets() throws Exception {
        String dockerfile = Files.readString(GucunPaths.root().resolve("deploy/docker/Dockerfile.jvm"));
        Matcher m = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(m.find()).as("JAVA_OPTS in Dockerfile.jvm").isTrue();
        List<String> image = Arrays.asList(m.group(1).trim().split("\\s+"));
        assertThat(image).as("JAVA_OPTS of the image").containsAll(JvmOptions.COMMON);
        JvmOptions.ENVIRONMENT.forEach((name, value) ->
                assertThat(dockerfile).as("environment of the image").containsPattern("(?m)^\\s+" + name + "=" + value + "\\b"));
    }

    @Test
    void theHeapComesFirstThenTheCommonFlags() {
        assertThat(JvmOptions.forApp("192m")).startsWith("-Xmx192m", "-Xms32m").containsAll(JvmOptions.COMMON);
    }
}
