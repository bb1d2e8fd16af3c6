package io.gucun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for the machine to go quiet before a measurement. A registration load leaves the Kafka consumers of dues and
 * outreach working through their backlog for seconds after wrk stops; a baseline or the next level measured meanwhile
 * would share the cores with that backlog.
 */
final class Quiet {

    /** Idle share of all cores, over one second, above which the machine counts as quiet. */
    static final double IDLE = 0.80;

    private Quiet() {
    }

    /** Returns the seconds waited; gives up (and measures anyway) after {@code max}. */
    static double await(Duration max) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + max.toNanos();
        long[] before = ticks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long[] now = ticks();
            long total = now[0] - before[0];
            if (total > 0 && (double) (now[1] - before[1]) / total >= IDLE) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {all ticks, idle ticks} from the "cpu" line of /proc/stat; zeros where there is none (not Linux). */
    static long[] ticks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            return parse(line);
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** "cpu  user nice system idle iowait irq softirq steal ...": idle is idle + iowait. */
    static long[] parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total, idle};
    }
}
