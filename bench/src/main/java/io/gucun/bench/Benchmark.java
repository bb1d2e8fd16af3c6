package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Path;

/**
 * One figure of the benchmark report (P1..P8 of the benchmarks issue), measured against a baseline taken in the same
 * run on the same machine, because these machines are noisy.
 */
public interface Benchmark {

    /** The figure's id in the report, e.g. {@code "P5"}; the report orders sections by it. */
    String id();

    /**
     * Measures against the started stack.
     *
     * @param quick a short smoke run (small data, seconds): proves the benchmark works, its figures mean little
     * @param raw   the folder for this run's raw numbers; write {@code <id>.json} (and anything else) there
     * @return the report's section in Markdown: what was measured, the baseline, the figures, the ratio, the target
     *         and whether it was met, and what limits it where it was not
     */
    String run(Stack stack, boolean quick, Path raw) throws Exception;
}
