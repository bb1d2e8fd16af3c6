package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.bench.GatewayOverhead;
import io.gucun.launcher.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark report's P2 (what the gateway costs against calling membership-service directly) on the e2e stack,
 * for experiments with the gateway's settings ({@code -Dgucun.e2e.gateway.<key>=<value>}) without the whole harness.
 * The figure itself is {@link GatewayOverhead}; {@code ./gucun bench --only P2} runs it for the report. This writes
 * its section to {@code e2e/target/benchmarks/README-P2.md} and its raw numbers beside it.
 *
 * <pre>./gucun mvn -B -ntp -pl e2e -am verify -Dgroups=benchmark -Dgucun.test.excludedGroups= \
 *     -Dit.test=GatewayOverheadBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * {@code -Dbench.quick=true} runs it for seconds only.
 */
@Tag("benchmark")
@ExtendWith(RealStack.class)
class GatewayOverheadBenchmarkIT {

    @Test
    void theGatewayAgainstCallingTheServiceDirectly(Stack stack) throws Exception {
        Path out = Path.of("target", "benchmarks");
        String section = new GatewayOverhead().run(stack, Boolean.getBoolean("bench.quick"), out);
        System.out.println(section);
        Files.writeString(out.resolve("README-P2.md"), section);
        assertThat(section).contains("through the gateway");
    }
}
