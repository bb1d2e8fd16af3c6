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
 * P3: real-name registration with on-site admission through the gateway ({@code POST /api/membership/members} by the
 * admin) from wrk at 2, 8 and 32 connections, each against pgbench's TPC-B on the same PostgreSQL at the same
 * concurrency. Targets: at least 10% of TPC-B at 8 connections; at 32 connections not below the rate at 2.
 */
public final class Registration implements Benchmark {

    static final List<Integer> CONNECTIONS = List.of(2, Targets.P3_CONNECTIONS, 32);
    /** ID numbers written per second of load: far above what registration reaches here, so none repeats. */
    static final int IDS_PER_SECOND = 3_000;

    @Override
    public String id() {
        return "P3";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        String url = stack.gatewayUrl() + "/api/membership/members";
        List<String> headers = List.of("Authorization: Bearer " + api.admin(), "Content-Type: application/json");
        Path ids = Files.createTempFile("gucun-ids-", ".txt");
        DatabaseBaseline.Workload workload = DatabaseBaseline.Workload.TPC_B;
        DatabaseBaseline db = new DatabaseBaseline(stack);
        Duration warm = Duration.ofSeconds(quick ? 1 : 10);
        Duration measure = AgainstDatabase.measure(quick);
        List<AgainstDatabase.Outcome> levels = new ArrayList<>();
        try {
            for (int connections : CONNECTIONS) {
                levels.add(AgainstDatabase.measure(stack, connections, warm, measure, (c, d) -> {
                    BenchApi.residentIds(ids, (int) Math.max(1_000, IDS_PER_SECOND * d.toSeconds()));
                    int threads = new Wrk.Load(url, c, d, headers, null, List.of()).threads();
                    return new Wrk.Load(url, c, d, headers, "register.lua",
                            List.of(ids.toString(), Long.toString(BenchApi.TOWN_ORG), Integer.toString(threads)));
                }, workload, db));
            }
        } finally {
            Files.deleteIfExists(ids);
        }
        AgainstDatabase.Outcome at2 = levels.get(0);
        AgainstDatabase.Outcome at8 = levels.get(1);
        AgainstDatabase.Outcome at32 = levels.get(2);
        long errors = levels.stream().mapToLong(o -> o.http().errorCount()).sum();
        boolean shareMet = Targets.p3Share(at8.ratio(), at8.http().errorCount());
        boolean scalingMet = Targets.p3Scaling(at32.http().perSecond(), at2.http().perSecond(), errors);
        List<Figure> rows = new ArrayList<>();
        for (AgainstDatabase.Outcome o : levels) {
            boolean target = o == at8;
            rows.add(new Figure("P3 registration with on-site admission, " + o.clients() + " connections",
                    o.measured("/s"), o.baseline(workload), Figure.percent(o.ratio()),
                    target ? "≥ " + Figure.percent(Targets.P3_SHARE_OF_TPC_B) : "", target ? shareMet : null, o.load().text()));
        }
        double scaling = Figure.ratio(at32.http().perSecond(), at2.http().perSecond());
        rows.add(new Figure("P3 registration at 32 connections against 2", Figure.num(at32.http().perSecond(), 0) + " /s",
                Figure.num(at2.http().perSecond(), 0) + " /s at 2 connections", Figure.percent(scaling), "≥ 100%",
                scalingMet, "wrk"));
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (AgainstDatabase.Outcome o : levels) {
            numbers.put("at" + o.clients(), o.toMap());
        }
        numbers.put("scaling32Against2", scaling);
        Raw.write(raw, id(), rows, numbers);

        StringBuilder table = new StringBuilder(AgainstDatabase.TABLE_HEAD);
        levels.forEach(o -> table.append(o.tableRow("registration + admission")));
        return String.format(Locale.ROOT, """
                ## P3 — registration against pgbench TPC-B, at 2, 8 and 32 connections

                `POST /api/membership/members` through the gateway by the admin, admitting each new member on the spot into
                the town federation (org 5), from wrk (`wrk/register.lua`: every request a different person, with a valid ID
                number the harness generated) at each concurrency for %d s after %d s of warm-up. One registration validates
                the ID number and mobile, encrypts both (AES-GCM), computes the keyed hash for the duplicate check, writes the
                member, its history, its service card and their outbox rows in one transaction, and its events go to Kafka
                through the relay (dues then posts the subsidy: P4). The baseline is `%s` (%s) on the stack's PostgreSQL in
                a scratch database at the same concurrency: five statements per transaction, three of them updates.

                %s
                At 8 connections that is **%s** of TPC-B (target ≥ %s: %s). At 32 connections registration ran at **%s** of
                its rate at 2 (target: not below, ≥ 100%%: %s).
                """, measure.toSeconds(), warm.toSeconds(), at8.db().command().replaceAll("-c [0-9]+", "-c <connections>")
                        .replaceAll("-j [0-9]+", "-j <threads>"), at8.db().tool(), table,
                Figure.percent(at8.ratio()), Figure.percent(Targets.P3_SHARE_OF_TPC_B), shareMet ? "met" : "**missed**",
                Figure.percent(scaling), scalingMet ? "met" : "**missed**");
    }
}
