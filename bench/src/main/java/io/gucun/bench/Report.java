package io.gucun.bench;

import java.util.List;

/** The Markdown report, {@code docs/benchmarks/README.md}: how and where it was measured, a summary, a section per figure. */
public final class Report {

    /** One figure's outcome: its section, its summary rows, or why it failed. */
    public record Section(String id, String markdown, List<Figure> rows, String failure) {
        static Section failed(String id, String failure) {
            return new Section(id, "", List.of(), failure);
        }
    }

    /** Where and how the run happened. */
    public record Run(String date, String command, String machine, String loadAtStart, String jdk, String baselineTool,
                      String stackReady, String loadTools) {
    }

    private Report() {
    }

    public static String render(Run run, List<Section> sections) {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks\n\n");
        b.append("Produced by `").append(run.command()).append("` on ").append(run.date()).append(".\n")
                .append("Every figure is a ratio against a baseline measured in the same run on the same machine, because these "
                        + "machines are noisy; the raw numbers of each figure are in [`raw/`](raw/).\n\n");
        b.append("| | |\n|---|---|\n")
                .append("| machine | ").append(cell(run.machine())).append(" |\n")
                .append("| load average at start (1, 5, 15 min) | ").append(cell(run.loadAtStart())).append(" |\n")
                .append("| JDK | ").append(cell(run.jdk())).append(" |\n")
                .append("| database baseline | ").append(cell(run.baselineTool())).append(" |\n")
                .append("| load tools | ").append(cell(run.loadTools())).append(" |\n")
                .append("| whole stack ready | ").append(cell(run.stackReady())).append(" |\n\n");
        b.append("""
                The stack is the real one, started by the harness on free loopback ports: PostgreSQL 17 (one database per
                service), a Kafka broker, Keycloak with realm `union`, the four services and the gateway (rate limits off), as
                `./gucun run` starts it. HTTP load comes from `wrk` (Debian's package; `./gucun bench` installs it when
                missing), a closed loop in C at a fixed number of connections, driven by Lua scripts where a request needs a
                body (registration: a different valid ID number each time) and reporting through a Lua `done()`; P4 paces
                registrations open-loop from an asynchronous client in the harness (the JDK's HttpClient `sendAsync`),
                with latencies counted from each request's scheduled start. Load tool, service, database and baseline
                share the same cores, so every figure states the load tool and **its own CPU share** while it measured
                (its CPU time over wall time × cores): that much of the machine was not available to the system. Before each
                warm-up, measurement and baseline the harness waits (up to 45 s) for the machine to be quiet (80% idle
                over a second), so a baseline does not share the cores with the consumers still working off the
                previous load's events. The apps run with the JDK's start-up cache, trained by one start beforehand
                when a build made it stale (a training JVM runs slower), and with tracing as `./gucun run` has it
                (every request traced to local span files; its cost: [limits](limits.md#tracing)).

                """);
        String loaded = loadWarning(run.loadAtStart(), Runtime.getRuntime().availableProcessors());
        if (loaded != null) {
            b.append(loaded).append("\n\n");
        }
        b.append("## Summary\n\n| figure | measured | baseline | ratio | target | met? | load (its CPU share) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Section s : sections) {
            if (s.failure() != null) {
                b.append("| ").append(s.id()).append(" | failed: ").append(cell(firstLine(s.failure()))).append(" | | | | no | |\n");
            } else if (s.rows().isEmpty()) {
                b.append("| ").append(s.id()).append(" | see [").append(s.id()).append("](#").append(anchor(s)).append(") | | | | | |\n");
            }
            for (Figure f : s.rows()) {
                b.append("| ").append(cell(f.figure())).append(" | ").append(cell(f.measured())).append(" | ")
                        .append(cell(f.baseline())).append(" | ").append(cell(f.ratio())).append(" | ")
                        .append(cell(f.target())).append(" | ").append(met(f.met())).append(" | ").append(cell(f.load()))
                        .append(" |\n");
            }
        }
        b.append('\n');
        for (Section s : sections) {
            if (s.failure() != null) {
                b.append("## ").append(s.id()).append("\n\nFailed in this run:\n\n```\n").append(s.failure().strip())
                        .append("\n```\n\n");
            } else {
                String md = s.markdown().strip();
                b.append(md.startsWith("## ") ? "" : "## " + s.id() + "\n\n").append(md).append("\n\n");
            }
        }
        b.append("""
                ## Earlier figures

                Figures measured before this harness, with their own commands: [`earlier.md`](earlier.md) (registration and
                lookup inside membership-service's tests against a bare insert and select).
                """);
        return b.toString();
    }

    /**
     * A warning when the machine was busy before the run began (1-minute load above twice its cores): absolute figures
     * then say more about the other work than about the system; the ratios, measured under the same load, less so.
     */
    static String loadWarning(String loadAtStart, int cores) {
        try {
            double oneMinute = Double.parseDouble(loadAtStart.split(",")[0].trim());
            if (oneMinute <= 2.0 * cores) {
                return null;
            }
            return String.format(java.util.Locale.ROOT, "**The machine was busy with other work** (load average %.1f on %d cores"
                    + " when the run began): absolute figures are far below a quiet machine's, and start times in particular"
                    + " measure the queue for the CPU. Ratios against baselines of the same run suffer less, not nothing.",
                    oneMinute, cores);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String met(Boolean met) {
        return met == null ? "" : met ? "yes" : "**no**";
    }

    /** A table cell: no line breaks, no column separators. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\n", " ").replace("|", "\\|");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** GitHub's anchor of the section's heading: lower case, spaces to dashes, other punctuation dropped. */
    static String anchor(Section s) {
        String md = s.markdown().strip();
        String heading = md.startsWith("## ") ? md.substring(3, md.contains("\n") ? md.indexOf('\n') : md.length()) : s.id();
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
