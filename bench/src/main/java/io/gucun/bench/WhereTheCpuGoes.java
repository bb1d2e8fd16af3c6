package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P10: where the CPU of a read and of a registration goes, the profile behind the limits of P1, P3 and P4
 * (docs/benchmarks/limits.md). It runs P1's and P3's loads again with every app under the Flight Recorder and counts,
 * per part of the stack, the CPU time per request, the consumers' work on the events included (the count goes on until
 * the machine is quiet again). Measured after the figures, so the recorder costs none of them anything.
 */
public class WhereTheCpuGoes implements Benchmark {

    static final int CONNECTIONS = 8;
    static final Duration IDLE = Duration.ofSeconds(5);

    @Override
    public String id() {
        return "P10";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        Duration load = Duration.ofSeconds(quick ? 3 : 15);
        String token = api.admin();
        String read = stack.gatewayUrl() + "/api/membership/members/" + api.registerOne();
        Map<String, Object> numbers = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                ## P10 — where the CPU goes (the profile behind P1, P3 and P4)

                P1's read and P3's registration again, %d connections through the gateway for %d s each, with the JDK's
                Flight Recorder sampling every app's running Java code every 5 ms (`jcmd <pid> JFR.start`, no restart).
                Each part's CPU time comes from `/proc/<pid>/stat` (PostgreSQL: the postmaster and all its backends), from
                the start of the load until the machine is quiet again, so a registration's cost includes the consumers
                of its events in dues and outreach. A sample counts for the first frame from the top of its stack that is
                not the JDK itself. Run after the figures: the recorder's own cost (a few per cent) is in no figure.
                The recordings stay in `.gucun/bench/profiles/` until the next run: open them in JDK Mission Control
                (or `jfr print --stack-depth 64 --events jdk.ExecutionSample`) for the full stacks.

                """, CONNECTIONS, load.toSeconds()));
        md.append(profile("read a member (P1)", "P10-read", Wrk.Load.get(read, CONNECTIONS, load, token), stack, raw, numbers));
        Path ids = Files.createTempFile("gucun-ids-", ".txt");
        try {
            BenchApi.residentIds(ids, (int) Math.max(1_000, Registration.IDS_PER_SECOND * load.toSeconds()));
            Wrk.Load register = new Wrk.Load(stack.gatewayUrl() + "/api/membership/members", CONNECTIONS, load,
                    List.of("Authorization: Bearer " + token, "Content-Type: application/json"), "register.lua",
                    List.of(ids.toString(), Long.toString(BenchApi.TOWN_ORG),
                            Integer.toString(new Wrk.Load(read, CONNECTIONS, load, List.of(), null, List.of()).threads())));
            md.append(profile("register a member (P3)", "P10-register", register, stack, raw, numbers));
        } finally {
            Files.deleteIfExists(ids);
        }
        Raw.write(raw, id(), List.of(), numbers);
        return md.toString();
    }

    private static String profile(String what, String dirName, Wrk.Load load, Stack stack, Path raw,
                                  Map<String, Object> numbers) throws Exception {
        Quiet.await(Duration.ofSeconds(60));
        Map<String, Long> apps = stack.pids();
        // what each part spends doing nothing (schedulers, Kafka polls, health checks), taken off below
        Map<String, Double> idleStart = ProcessCpu.snapshot(apps);
        long i0 = System.nanoTime();
        Thread.sleep(IDLE.toMillis());
        Map<String, Double> idle = ProcessCpu.delta(idleStart, ProcessCpu.snapshot(apps));
        double idleWall = (System.nanoTime() - i0) / 1e9;
        Map<String, Path> recordings = JfrProfile.start(apps, stack.home().resolve("profiles").resolve(dirName));
        Map<String, Double> before = ProcessCpu.snapshot(apps);
        long t0 = System.nanoTime();
        Wrk.Result result = Wrk.run(load);
        double drained = Quiet.await(Duration.ofSeconds(120));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpu = ProcessCpu.delta(before, ProcessCpu.snapshot(apps));
        JfrProfile.stop(apps, recordings);
        cpu.replaceAll((part, seconds) -> Math.max(0, seconds - idle.getOrDefault(part, 0.0) * wall / idleWall));
        long ok = result.requests() - result.errorCount();
        Map<String, Map<String, Long>> kinds = new LinkedHashMap<>();
        for (var r : recordings.entrySet()) {
            if (Files.isRegularFile(r.getValue())) {
                kinds.put(r.getKey(), JfrProfile.byKind(r.getValue()));
            }
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("requests", result.requests());
        n.put("errors", result.errorCount());
        n.put("perSecond", result.perSecond());
        n.put("secondsUntilQuiet", wall);
        n.put("cpuSeconds", cpu);
        n.put("samplesByKind", kinds);
        numbers.put(dirName, n);

        StringBuilder b = new StringBuilder();
        // processes outside the stack (anything else on the machine) are shown, not counted as the request's
        double total = cpu.entrySet().stream().filter(e -> !e.getKey().equals(ProcessCpu.OTHER))
                .mapToDouble(Map.Entry::getValue).sum();
        b.append(String.format(Locale.ROOT, """
                ### %s

                %,d requests (%,d errors) at %.0f /s; %.1f s from the start of the load until the machine was quiet
                (%.1f s after wrk stopped). CPU time per successful request, by part of the stack, each part's idle
                CPU (measured for 5 s just before) taken off:

                | part | CPU ms per request | share of the stack's CPU |
                |---|---:|---:|
                """, what, result.requests(), result.errorCount(), result.perSecond(), wall, drained));
        List<Map.Entry<String, Double>> parts = new ArrayList<>(cpu.entrySet());
        parts.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (var p : parts) {
            if (p.getValue() < 0.005) {
                continue;
            }
            boolean outside = p.getKey().equals(ProcessCpu.OTHER);
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %s |\n", p.getKey() + (outside ? " (not the stack)" : ""),
                    ok > 0 ? p.getValue() * 1000 / ok : Double.NaN,
                    outside ? "–" : Figure.percent(total > 0 ? p.getValue() / total : Double.NaN)));
        }
        b.append(String.format(Locale.ROOT, "| **the stack** | **%.2f** | 100%% |\n\n", ok > 0 ? total * 1000 / ok : Double.NaN));
        if (!kinds.isEmpty()) {
            b.append("What each app's sampled Java code was (share of its samples; the kinds above 3%):\n\n"
                    + "| app | samples | what the code belongs to |\n|---|---:|---|\n");
            for (var k : kinds.entrySet()) {
                long samples = k.getValue().getOrDefault("samples", 0L);
                StringBuilder cell = new StringBuilder();
                for (var e : k.getValue().entrySet()) {
                    if (e.getKey().equals("samples") || samples == 0 || e.getValue() * 100 < 3 * samples) {
                        continue;
                    }
                    cell.append(cell.isEmpty() ? "" : "; ").append(e.getKey()).append(' ')
                            .append(Figure.percent((double) e.getValue() / samples));
                }
                b.append("| ").append(k.getKey()).append(" | ").append(samples).append(" | ").append(cell).append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
