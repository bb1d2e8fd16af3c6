package io.gucun.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per part of the stack, from /proc: the apps by pid, PostgreSQL (the postmaster and every backend), the
 * Kafka broker, Keycloak, wrk and the harness. Two snapshots around a load give each part's CPU seconds for it.
 */
final class ProcessCpu {

    static final String POSTGRES = "PostgreSQL", KAFKA = "Kafka", KEYCLOAK = "Keycloak", WRK = "wrk (load)",
            HARNESS = "harness", OTHER = "other processes";

    private ProcessCpu() {
    }

    /** CPU seconds so far by part; {@code apps} names the stack's own processes (name → pid). */
    static Map<String, Double> snapshot(Map<String, Long> apps) {
        Map<Long, String> byPid = new LinkedHashMap<>();
        apps.forEach((name, pid) -> byPid.put(pid, name));
        Map<String, Double> seconds = new LinkedHashMap<>();
        apps.keySet().forEach(name -> seconds.put(name, 0.0));
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields 14 and 15 of stat (utime, stime) are 11 and 12 after "pid (comm) "
                    // USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK)
                    double cpu = CpuShare.ticksToSeconds(Long.parseLong(f[11]) + Long.parseLong(f[12]), 100);
                    String part = byPid.containsKey(pid) ? byPid.get(pid) : part(pid, self, comm, p);
                    seconds.merge(part, cpu, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the process ended between listing and reading
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }

    private static String part(long pid, long self, String comm, Path proc) throws IOException {
        if (pid == self) {
            return HARNESS;
        }
        if (comm.equals("postgres")) {
            return POSTGRES;
        }
        if (comm.equals("wrk")) {
            return WRK;
        }
        String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
        if (cmdline.contains("KafkaBrokerMain")) {
            return KAFKA;
        }
        if (cmdline.contains("keycloak")) {
            return KEYCLOAK;
        }
        return OTHER;
    }

    /** after − before, part by part. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, Math.max(0, v - before.getOrDefault(k, 0.0))));
        return d;
    }
}
