package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsToEveryFigureInDocsBenchmarks() {
        BenchOptions o = BenchOptions.parse(new String[0], ROOT);
        assertThat(o.only()).isEmpty();
        assertThat(o.quick()).isFalse();
        assertThat(o.out()).isEqualTo(Path.of("/repo/docs/benchmarks"));
        assertThat(o.selects("P5")).isTrue();
        assertThat(o.command(ROOT)).isEqualTo("./gucun bench");
    }

    @Test
    void readsOnlyQuickAndOut() {
        BenchOptions o = BenchOptions.parse(new String[] {"--only", "p3, P1", "--quick", "--out", "target/b"}, ROOT);
        assertThat(o.only()).isEqualTo(Set.of("P1", "P3"));
        assertThat(o.quick()).isTrue();
        assertThat(o.out()).isEqualTo(Path.of("/repo/target/b"));
        assertThat(o.selects("P1")).isTrue();
        assertThat(o.selects("P2")).isFalse();
        assertThat(o.command(ROOT)).isEqualTo("./gucun bench --quick --only P1,P3 --out target/b");
        assertThat(o.footprint()).isFalse();
        assertThat(BenchOptions.parse(new String[] {"--footprint", "--quick"}, ROOT).command(ROOT))
                .isEqualTo("./gucun bench --footprint --quick");
    }

    @Test
    void aPartialRunNeverReplacesTheCommittedReport() {
        for (String[] args : List.of(new String[] {"--only", "P6"}, new String[] {"--quick"}, new String[] {"--p8-members", "1000"},
                new String[] {"--footprint"})) {
            BenchOptions o = BenchOptions.parse(args, ROOT);
            assertThat(o.out()).as(String.join(" ", args)).isEqualTo(Path.of("/repo/bench/target/benchmarks"));
            assertThat(o.command(ROOT)).doesNotContain("--out");
        }
        assertThat(BenchOptions.parse(new String[] {"--only", "P6", "--out", "docs/benchmarks"}, ROOT).out())
                .as("asked for explicitly").isEqualTo(Path.of("/repo/docs/benchmarks"));
    }

    @Test
    void readsTheDataFiguresSizesAndHandsThemToTheFiguresAndTheReport() {
        BenchOptions o = BenchOptions.parse(new String[] {"--p8-members", "1000000", "--only", "P8,P5", "--p5-rows", "250000"}, ROOT);
        assertThat(o.sizes()).containsOnly(Map.entry("--p5-rows", 250_000L), Map.entry("--p8-members", 1_000_000L));
        assertThat(o.command(ROOT)).isEqualTo("./gucun bench --only P5,P8 --p5-rows 250000 --p8-members 1000000");
        String before = System.getProperty("gucun.bench.p8.members");
        try {
            o.applySizes();
            assertThat(Long.getLong("gucun.bench.p8.members")).isEqualTo(1_000_000L);
        } finally {
            if (before == null) {
                System.clearProperty("gucun.bench.p8.members");
            } else {
                System.setProperty("gucun.bench.p8.members", before);
            }
            System.clearProperty("gucun.bench.p5.rows");
        }
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--p6-enterprises"}, ROOT)).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--p6-enterprises", "-5"}, ROOT)).hasMessageContaining("not a positive whole number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--p6-enterprises", "1e5"}, ROOT))
                .hasMessageContaining("not a positive whole number");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}, ROOT)).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only"}, ROOT)).hasMessageContaining("--only needs");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "--quick"}, ROOT)).hasMessageContaining("--only needs");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "gateway"}, ROOT)).hasMessageContaining("not a figure id");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--out"}, ROOT)).hasMessageContaining("--out needs");
    }

    @Test
    void runsTheSelectedFiguresInNumericOrder() {
        List<Benchmark> all = List.of(named("P10"), named("P2"), named("P1"), named("P7"));
        assertThat(BenchMain.select(all, BenchOptions.parse(new String[0], ROOT)).stream().map(Benchmark::id))
                .containsExactly("P1", "P2", "P7", "P10");
        assertThat(BenchMain.select(all, BenchOptions.parse(new String[] {"--only", "P7,P1"}, ROOT)).stream().map(Benchmark::id))
                .containsExactly("P1", "P7");
    }

    @Test
    void everyFigureOfTheHarnessIsRegisteredForServiceLoader() {
        assertThat(java.util.ServiceLoader.load(Benchmark.class).stream().map(p -> p.get().id()))
                .contains("P1", "P2", "P3", "P4", "P7");
    }

    private static Benchmark named(String id) {
        return new Benchmark() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String run(Stack stack, boolean quick, Path raw) {
                return "";
            }
        };
    }
}
