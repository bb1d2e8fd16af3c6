package io.gucun.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What Linux's /proc says about a process and the machine (the report's "machine" line, P7's RSS). */
public final class Processes {

    private Processes() {
    }

    /** VmRSS of a live process in MiB; NaN when /proc has no such process. */
    public static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return parseKb(line) / 1024.0;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return Double.NaN;
    }

    static long parseKb(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    /** The process's command line, one argument per element. */
    public static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Cores, CPU model, memory and OS, in one line. */
    public static String machine() {
        String cpu = grep(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
        String mem = grep(Path.of("/proc/meminfo"), "MemTotal", "");
        String os = grep(Path.of("/etc/os-release"), "PRETTY_NAME", System.getProperty("os.name")).replace("\"", "");
        String memGib = mem.isEmpty() ? "" : String.format(java.util.Locale.ROOT, ", %.0f GiB", parseKb(mem) / 1024.0 / 1024.0);
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")" + memGib + ", " + os;
    }

    private static String grep(Path file, String key, String otherwise) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return otherwise;
    }

    /** Reads a whole map of pid → RSS, e.g. for the stack's apps. */
    public static Map<String, Double> rssMiB(Map<String, Long> pids) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        pids.forEach((name, pid) -> m.put(name, rssMiB(pid)));
        return m;
    }
}
