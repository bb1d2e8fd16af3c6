package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * P1: {@code GET /api/membership/members/{id}} through the gateway with the admin's real JWT (checked by the gateway
 * and again by the service, then one read of the member and its decrypt-and-mask), from wrk, against
 * {@code pgbench -S} on the same PostgreSQL at the same concurrency. Target: at least 15% of pgbench's rate.
 */
public final class GatewayRead implements Benchmark {

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        String url = stack.gatewayUrl() + "/api/membership/members/" + api.registerOne();
        String token = api.admin();
        DatabaseBaseline.Workload workload = DatabaseBaseline.Workload.SELECT_ONLY;
        AgainstDatabase.Outcome o = AgainstDatabase.measure(stack, AgainstDatabase.CLIENTS, AgainstDatabase.warm(quick),
                AgainstDatabase.measure(quick), (c, d) -> Wrk.Load.get(url, c, d, token), workload, new DatabaseBaseline(stack));
        boolean met = Targets.p1(o.ratio(), o.http().errorCount());
        Figure row = new Figure("P1 GET a member through the gateway, " + o.clients() + " connections", o.measured("req/s"),
                o.baseline(workload), Figure.percent(o.ratio()), "≥ " + Figure.percent(Targets.P1_SHARE_OF_SELECT_ONLY), met,
                o.load().text());
        Raw.write(raw, id(), List.of(row), o.toMap());

        return String.format(Locale.ROOT, """
                ## P1 — reading a member through the gateway against `pgbench -S`

                `GET /api/membership/members/{id}` with the admin's real Keycloak JWT, from wrk with %d connections for %d s
                after %d s of warm-up. The gateway checks the token, the body limit and the request id, logs the access and
                proxies; the service checks the token again, reads the member and decrypts and masks its ID number and phone.
                The baseline is `%s` (%s) on the stack's own PostgreSQL, in a scratch database, at the same concurrency for
                the same time.

                %s%s
                That is **%s** of the database's rate (target ≥ %s: %s). wrk used %s.
                """, o.clients(), o.measure().toSeconds(), o.warm().toSeconds(), o.db().command(), o.db().tool(),
                AgainstDatabase.TABLE_HEAD, o.tableRow("through the gateway"), Figure.percent(o.ratio()),
                Figure.percent(Targets.P1_SHARE_OF_SELECT_ONLY), met ? "met" : "**missed**", o.load().text());
    }
}
