package io.gucun.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How much of the machine the load generator itself used while a figure was measured: its CPU time over the wall time
 * times the cores. On two shared cores a client at 40% is 40% less machine for the system it measures, so every figure
 * states it.
 */
public record CpuShare(String tool, double cpuSeconds, double wallSeconds, int cores) {

    /** Share of all cores, 0..1; NaN without a measured span. */
    public double share() {
        return share(cpuSeconds, wallSeconds, cores);
    }

    public static double share(double cpuSeconds, double wallSeconds, int cores) {
        return wallSeconds > 0 && cores > 0 && cpuSeconds >= 0 ? cpuSeconds / (wallSeconds * cores) : Double.NaN;
    }

    /** "wrk 4.1.0, 23% of 2 cores" */
    public String text() {
        return String.format(Locale.ROOT, "%s, %s of %d cores", tool, Figure.percent(share()), cores);
    }

    static int machineCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** CPU seconds from clock ticks, as /proc/<pid>/stat counts them. */
    static double ticksToSeconds(long ticks, long ticksPerSecond) {
        return ticksPerSecond > 0 ? (double) ticks / ticksPerSecond : Double.NaN;
    }

    /** This JVM's CPU time in nanoseconds (all its threads), for a load generated inside the harness. */
    static long jvmCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }
}
