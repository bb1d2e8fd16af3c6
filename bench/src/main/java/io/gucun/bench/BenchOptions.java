package io.gucun.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ./gucun bench} was asked for: which figures ({@code --only P1,P3}; empty = all), a smoke run
 * ({@code --quick}: seconds per figure, small data), where the report goes ({@code --out}; default docs/benchmarks
 * for a full run, bench/target/benchmarks for a partial one, so that it never replaces the committed report) and
 * the data figures' sizes when not their full scale ({@code --p5-rows N}, {@code --p6-enterprises N},
 * {@code --p8-members N}; set as the system properties the figures read).
 */
public record BenchOptions(Set<String> only, boolean quick, Path out, Map<String, Long> sizes, boolean footprint) {

    public static final String USAGE = "usage: ./gucun bench [--only P1,P3,...] [--quick] [--out <dir>]"
            + " [--p5-rows N] [--p6-enterprises N] [--p8-members N] [--p9-rows N]"
            + "\n       ./gucun bench --footprint [--quick]   (what each JVM option moves: start and idle RSS per service)";

    /** Option → the system property its figure reads. */
    static final Map<String, String> SIZE_OPTIONS = new TreeMap<>(Map.of(
            "--p5-rows", "gucun.bench.p5.rows",
            "--p6-enterprises", "gucun.bench.p6.enterprises",
            "--p8-members", "gucun.bench.p8.members",
            "--p9-rows", "gucun.bench.p9.rows"));

    public static BenchOptions parse(String[] args, Path root) {
        Set<String> only = new LinkedHashSet<>();
        boolean quick = false;
        boolean footprint = false;
        Path out = null;
        Map<String, Long> sizes = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (SIZE_OPTIONS.containsKey(args[i])) {
                String option = args[i];
                String n = value(args, ++i, option + " needs a number");
                if (!n.matches("[1-9][0-9]{0,9}")) {
                    throw new IllegalArgumentException(option + ": '" + n + "' is not a positive whole number");
                }
                sizes.put(option, Long.parseLong(n));
                continue;
            }
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--footprint" -> footprint = true;
                case "--only" -> {
                    String list = value(args, ++i, "--only needs figure ids, e.g. --only P1,P3");
                    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .map(s -> s.toUpperCase(Locale.ROOT)).forEach(id -> {
                                if (!id.matches("P[0-9]+")) {
                                    throw new IllegalArgumentException("--only: '" + id + "' is not a figure id like P1");
                                }
                                only.add(id);
                            });
                    if (only.isEmpty()) {
                        throw new IllegalArgumentException("--only needs figure ids, e.g. --only P1,P3");
                    }
                }
                case "--out" -> out = root.resolve(value(args, ++i, "--out needs a directory"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            out = defaultOut(root, !only.isEmpty() || quick || !sizes.isEmpty() || footprint);
        }
        return new BenchOptions(Set.copyOf(only), quick, out.toAbsolutePath().normalize(), Map.copyOf(sizes), footprint);
    }

    /** docs/benchmarks holds the report of a full run; a partial run's report goes beside the build's output. */
    static Path defaultOut(Path root, boolean partial) {
        return (partial ? root.resolve("bench").resolve("target").resolve("benchmarks") : root.resolve("docs").resolve("benchmarks"))
                .toAbsolutePath().normalize();
    }

    private static String value(String[] args, int i, String message) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(message);
        }
        return args[i];
    }

    /** Hands the sizes to the figures, which read them as system properties. */
    public void applySizes() {
        sizes.forEach((option, n) -> System.setProperty(SIZE_OPTIONS.get(option), Long.toString(n)));
    }

    public boolean selects(String id) {
        return only.isEmpty() || only.contains(id.toUpperCase(Locale.ROOT));
    }

    /** The command line that reproduces this run, for the report. */
    public String command(Path root) {
        StringBuilder b = new StringBuilder("./gucun bench");
        if (footprint) {
            b.append(" --footprint");
        }
        if (quick) {
            b.append(" --quick");
        }
        if (!only.isEmpty()) {
            b.append(" --only ").append(String.join(",", only.stream().sorted(Figure.BY_ID).toList()));
        }
        new TreeMap<>(sizes).forEach((option, n) -> b.append(' ').append(option).append(' ').append(n));
        if (!out.equals(defaultOut(root, !only.isEmpty() || quick || !sizes.isEmpty() || footprint))) {
            b.append(" --out ").append(out.startsWith(root) ? root.relativize(out) : out);
        }
        return b.toString();
    }
}
