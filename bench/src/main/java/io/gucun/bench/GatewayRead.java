package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.util.Locale;

/**
 * P1: {@code GET /api/membership/members/{id}} through the gateway with the admin's real JWT (checked by the gateway
 * and again by the service, then one read of the member and its decrypt-and-mask), against {@code pgbench -S} on the
 * same PostgreSQL at the same concurrency. Target: at least 50% of pgbench's transactions per second.
 */
public final class GatewayRead implements Benchmark {

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        String path = "/api/membership/members/" + api.registerOne();
        ClosedLoad.Call call = new ClosedLoad.Call(api.get(stack.gatewayUrl(), path), 200);
        AgainstDatabase.Outcome o = AgainstDatabase.measure(stack, quick, n -> call, DatabaseBaseline.Workload.SELECT_ONLY, 0.5);
        o.write(raw, id(), "GET a member through the gateway", "req/s", DatabaseBaseline.Workload.SELECT_ONLY);

        return String.format(Locale.ROOT, """
                ## P1 — reading a member through the gateway against `pgbench -S`

                `GET /api/membership/members/{id}` with the admin's real Keycloak JWT, from %d client threads in a closed
                loop for %d s after %d s of warm-up. The gateway checks the token, the body limit and the request id, logs the
                access and proxies; the service checks the token again, reads the member and decrypts and masks its ID
                number and phone. The baseline is `%s` (%s) on the stack's own PostgreSQL, in a scratch database, at the
                same concurrency for the same time.

                %s
                """, o.clients(), o.measure().toSeconds(), o.warm().toSeconds(), o.db().command(), o.db().tool(),
                o.table("through the gateway", DatabaseBaseline.Workload.SELECT_ONLY));
    }
}
