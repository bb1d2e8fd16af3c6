package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.nio.file.Path;
import java.util.Locale;

/**
 * P3: real-name registration with on-site admission through the gateway ({@code POST /api/membership/members} by the
 * admin), against pgbench's TPC-B on the same PostgreSQL at the same concurrency. Target: at least 50% of TPC-B's rate.
 */
public final class Registration implements Benchmark {

    @Override
    public String id() {
        return "P3";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        String gateway = stack.gatewayUrl();
        AgainstDatabase.Outcome o = AgainstDatabase.measure(stack, quick,
                n -> new ClosedLoad.Call(api.registration(gateway), 201), DatabaseBaseline.Workload.TPC_B, 0.5);
        o.write(raw, id(), "registration with on-site admission", "/s", DatabaseBaseline.Workload.TPC_B);

        return String.format(Locale.ROOT, """
                ## P3 — registration against pgbench TPC-B

                `POST /api/membership/members` through the gateway by the admin, admitting each new member on the spot into
                the town federation (org 5), from %d client threads in a closed loop for %d s after %d s of warm-up. One
                registration validates the ID number and mobile, encrypts both (AES-GCM), computes the keyed hash for the
                duplicate check, writes the member, its history, its service card and their outbox rows in one transaction,
                and its events go to Kafka through the relay (dues then posts the subsidy: P4). The baseline is `%s` (%s) on
                the stack's PostgreSQL in a scratch database at the same concurrency: five statements per transaction,
                three of them updates.

                %s
                """, o.clients(), o.measure().toSeconds(), o.warm().toSeconds(), o.db().command(), o.db().tool(),
                o.table("registration + admission", DatabaseBaseline.Workload.TPC_B));
    }
}
