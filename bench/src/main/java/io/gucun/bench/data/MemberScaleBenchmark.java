package io.gucun.bench.data;

import static io.gucun.bench.data.BenchSupport.f;

import io.gucun.bench.Benchmark;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.launcher.Stack;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * P8: membership at national scale. N members are generated with COPY straight into membership's tables in the shape
 * the service writes (every ID number and mobile AES-GCM encrypted and keyed-hashed with the stack's own keys, so the
 * service decrypts them and finds them by hash), spread evenly over 1,000 towns of a bench province of 10 cities, so
 * each city is an org with N/10 members in its subtree (1 M at full scale). Then: lookups by ID number through the API
 * (p50/p99, one at a time) against the same two statements the service runs, bare over JDBC; and the member count of a
 * city's subtree through the API against the service's own counting statement, bare.
 */
public final class MemberScaleBenchmark implements Benchmark {

    static final long MEMBERS = 10_000_000;
    static final long QUICK_MEMBERS = 100_000;
    static final int CITIES = 10;
    static final int TOWNS = 1_000;
    static final double TARGET_LOOKUP_P99_MS = 10;
    static final double TARGET_COUNT_MS = 200;
    static final int CHUNK = 10_000;
    /** Lookups before the measured ones, to the service and as bare statements each (200 until 2026-11-25). */
    static final int WARM_UP_LOOKUPS = 6_000;

    public MemberScaleBenchmark() {
    }

    @Override
    public String id() {
        return "P8";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        long members = Long.getLong("gucun.bench.p8.members", quick ? QUICK_MEMBERS : MEMBERS);
        int lookups = quick ? 500 : 3_000;
        int gatewayLookups = quick ? 100 : 400;
        int counts = quick ? 10 : 30;
        PersonalDataCipher cipher = BenchSupport.cipher(stack);
        BlindIndexes indexes = BenchSupport.indexes(stack);

        long[] orgs;
        double loadSeconds;
        double indexSeconds;
        try (Connection c = BenchSupport.connect(stack, "membership")) {
            orgs = createOrgs(c);
            long start = System.nanoTime();
            double[] copyDone = new double[1];
            BulkLoad.withoutSecondaryStructures(c, "member", () -> {
                copyMembers(c, cipher, indexes, members, orgs);
                copyDone[0] = BenchSupport.seconds(start);
            });
            loadSeconds = copyDone[0];
            indexSeconds = BenchSupport.seconds(start) - loadSeconds;
            long periodsStart = System.nanoTime();
            BulkLoad.withoutSecondaryStructures(c, "membership_period", () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into membership_period (member_id, org_id, started_at, start_reason)"
                            + " select id, org_id, joined_at, 'ON_SITE' from member where registered_by = 'bench-p8'");
                }
            });
            loadSeconds += BenchSupport.seconds(periodsStart);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze member");
                s.execute("vacuum analyze membership_period");
            }
        }
        long city = orgs[1];
        long cityMembers = members / CITIES;

        String direct = stack.serviceUrls("membership").get(0) + "/api/membership";
        String gateway = stack.gatewayUrl() + "/api/membership";
        Supplier<String> admin = BenchSupport.admin(stack);
        SplittableRandom random = new SplittableRandom(8);

        // lookups: warm-up, then the API directly and the bare statements, interleaved in rounds so both see the same
        // machine. The warm-up takes the lookup's path past the JIT's thresholds (C2 compiles a method after some
        // 5,000 invocations), so the measured calls meet compiled code, as P1 and P3 do after their 30 s of warm-up.
        for (int i = 0; i < WARM_UP_LOOKUPS; i++) {
            lookup(direct, admin.get(), random.nextLong(members));
        }
        long[] api = new long[lookups];
        long[] bare = new long[lookups];
        try (Connection c = BenchSupport.connect(stack, "membership");
             PreparedStatement byHash = c.prepareStatement("select m.id from member m where m.id_number_hash = ?");
             PreparedStatement byId = c.prepareStatement("select * from member where id = ?")) {
            for (int i = 0; i < WARM_UP_LOOKUPS; i++) {
                bareLookup(byHash, byId, indexes, random.nextLong(members));
            }
            for (int i = 0; i < lookups; i++) {
                long n = random.nextLong(members);
                long t = System.nanoTime();
                lookup(direct, admin.get(), n);
                api[i] = System.nanoTime() - t;
                n = random.nextLong(members);
                t = System.nanoTime();
                bareLookup(byHash, byId, indexes, n);
                bare[i] = System.nanoTime() - t;
            }
        }
        // through the gateway too, paced under its per-user rate limit (50/s)
        long[] viaGateway = new long[gatewayLookups];
        for (int i = 0; i < gatewayLookups; i++) {
            long t = System.nanoTime();
            lookup(gateway, admin.get(), random.nextLong(members));
            viaGateway[i] = System.nanoTime() - t;
            Thread.sleep(Math.max(0, 25 - (System.nanoTime() - t) / 1_000_000));
        }

        // the member count of the city's subtree
        String countSql = summarySql();
        long[] apiCount = new long[counts];
        long[] bareCount = new long[counts];
        try (Connection c = BenchSupport.connect(stack, "membership"); PreparedStatement ps = c.prepareStatement(countSql)) {
            for (int i = 0; i < 2; i++) {
                count(direct, admin.get(), city);
            }
            for (int i = 0; i < counts; i++) {
                long t = System.nanoTime();
                long n = count(direct, admin.get(), city);
                apiCount[i] = System.nanoTime() - t;
                if (n != cityMembers) {
                    throw new IllegalStateException("the city's subtree counts " + n + " members, not " + cityMembers);
                }
                t = System.nanoTime();
                ps.setLong(1, city);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    if (r.getLong(1) != cityMembers) {
                        throw new IllegalStateException("the bare count is " + r.getLong(1));
                    }
                }
                bareCount[i] = System.nanoTime() - t;
            }
        }

        double apiP50 = BenchSupport.percentileMs(api, 50);
        double apiP99 = BenchSupport.percentileMs(api, 99);
        double bareP50 = BenchSupport.percentileMs(bare, 50);
        double bareP99 = BenchSupport.percentileMs(bare, 99);
        double gwP50 = BenchSupport.percentileMs(viaGateway, 50);
        double gwP99 = BenchSupport.percentileMs(viaGateway, 99);
        double countP50 = BenchSupport.percentileMs(apiCount, 50);
        double countMax = BenchSupport.percentileMs(apiCount, 100);
        double bareCountP50 = BenchSupport.percentileMs(bareCount, 50);
        double bareCountMax = BenchSupport.percentileMs(bareCount, 100);
        boolean lookupMet = apiP99 <= TARGET_LOOKUP_P99_MS;
        boolean countMet = countP50 <= TARGET_COUNT_MS;

        Map<String, Object> v = BenchSupport.values();
        v.put("id", id());
        v.put("members", members);
        v.put("subtreeMembers", cityMembers);
        v.put("loadSeconds", loadSeconds);
        v.put("indexSeconds", indexSeconds);
        v.put("lookups", lookups);
        v.put("lookupApiP50Ms", apiP50);
        v.put("lookupApiP99Ms", apiP99);
        v.put("lookupBareSqlP50Ms", bareP50);
        v.put("lookupBareSqlP99Ms", bareP99);
        v.put("lookupP99Ratio", apiP99 / bareP99);
        v.put("gatewayLookups", gatewayLookups);
        v.put("lookupGatewayP50Ms", gwP50);
        v.put("lookupGatewayP99Ms", gwP99);
        v.put("counts", counts);
        v.put("countApiP50Ms", countP50);
        v.put("countApiMaxMs", countMax);
        v.put("countBareSqlP50Ms", bareCountP50);
        v.put("countBareSqlMaxMs", bareCountMax);
        v.put("countP50Ratio", countP50 / bareCountP50);
        v.put("targetLookupP99Ms", TARGET_LOOKUP_P99_MS);
        v.put("targetCountMs", TARGET_COUNT_MS);
        v.put("lookupMet", lookupMet);
        v.put("countMet", countMet);
        BenchSupport.writeRaw(raw, id(), v);

        return f("""
                ## P8 — lookup and subtree count with %,d members

                %,d members generated and loaded with COPY straight into membership's `member` table, each row as the
                service writes it: ID number and mobile AES-256-GCM encrypted and HMAC-indexed with this stack's keys,
                masked copies, ACTIVE in one of 1,000 towns of a bench province of 10 cities, with its open
                `membership_period` (%.0f s to generate and COPY, %.0f s to rebuild the indexes and constraints the
                migrations define, which were dropped for the load). Calls go to membership-service with an admin's JWT,
                one at a time, after a warm-up of %,d lookups to the service and as bare statements each.

                | | calls | p50 | p99 | baseline (bare SQL, same run) p50 / p99 | ratio at p99 |
                |---|---:|---:|---:|---:|---:|
                | lookup by ID number, `POST /members/lookup` on the service | %,d | %.2f ms | **%.2f ms** | %.2f / %.2f ms | %.1f× |
                | the same through the gateway (paced at 40/s, under its rate limit) | %,d | %.2f ms | %.2f ms | | |

                | | calls | p50 | max | baseline (bare SQL) p50 / max | ratio at p50 |
                |---|---:|---:|---:|---:|---:|
                | members of a %,d-member city's subtree, `GET /orgs/{id}/subtree?size=1` | %d | **%.1f ms** | %.1f ms | %.1f / %.1f ms | %.1f× |

                The lookup's baseline is the two statements the service runs (id by keyed hash, then the row by id) with
                the hash computed beforehand; the count's is the service's own statement for an org's counts (members,
                enterprises and active children over the subtree), bare over JDBC. Targets: lookup p99 ≤ %.0f ms — %s;
                subtree count ≤ %.0f ms — %s.
                """, members, members, loadSeconds, indexSeconds, WARM_UP_LOOKUPS, lookups, apiP50, apiP99, bareP50, bareP99, apiP99 / bareP99,
                gatewayLookups, gwP50, gwP99, cityMembers, counts, countP50, countMax, bareCountP50, bareCountMax,
                countP50 / bareCountP50, TARGET_LOOKUP_P99_MS, BenchSupport.met(lookupMet), TARGET_COUNT_MS,
                BenchSupport.met(countMet));
    }

    private static void lookup(String base, String token, long n) throws Exception {
        HttpResponse<String> r = BenchSupport.send("POST", base + "/members/lookup", token, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"idNumber\":\"" + DataIds.idNumber(n) + "\"}"));
        BenchSupport.expect(200, r);
    }

    private static void bareLookup(PreparedStatement byHash, PreparedStatement byId, BlindIndexes indexes, long n)
            throws Exception {
        byHash.setString(1, indexes.idNumber().hash(DataIds.idNumber(n)));
        long id;
        try (ResultSet r = byHash.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("member " + n + " not found by its hash");
            }
            id = r.getLong(1);
        }
        byId.setLong(1, id);
        try (ResultSet r = byId.executeQuery()) {
            r.next();
        }
    }

    private static long count(String base, String token, long org) throws Exception {
        // the subtree listing starts with the org itself, with its counts over its whole subtree
        String body = BenchSupport.expect(200, BenchSupport.send("GET", base + "/orgs/" + org + "/subtree?size=1", token,
                null, HttpRequest.BodyPublishers.noBody())).body();
        return Long.parseLong(BenchSupport.field(body, "members"));
    }

    /** What membership-service runs for an org's counts (OrgService.summaries), for one org. */
    static String summarySql() {
        return """
                select (select coalesce(sum(m.members), 0)
                          from org_member_count m join union_org mo on mo.id = m.org_id
                         where mo.path <@ o.path),
                       (select count(*) from union_org c where c.parent_id = o.id and c.status = 'ACTIVE'),
                       ec.total, ec.with_union
                  from union_org o
                  left join lateral (
                        select count(*) as total, count(*) filter (where u.status = 'ACTIVE') as with_union
                          from enterprise e
                          join union_org eo on eo.id = e.org_id
                          left join union_org u on u.id = e.union_org_id
                         where eo.path <@ o.path) ec on true
                 where o.id = ?""";
    }

    /**
     * A bench province under the national union, 10 cities, 10 districts each, 10 towns each; ids from the service's own
     * sequence. Returns the province's id, then the cities', then the towns'.
     */
    static long[] createOrgs(Connection c) throws Exception {
        long[] ids = new long[1 + CITIES + TOWNS];
        try (Statement s = c.createStatement()) {
            long base;
            try (ResultSet r = s.executeQuery("select nextval('union_org_id_seq')")) {
                r.next();
                base = r.getLong(1);
            }
            int districts = CITIES * 10;
            // province = base, cities base+1.., districts after them, towns after those
            s.execute("select setval('union_org_id_seq', " + (base + 1 + CITIES + districts + TOWNS) + ")");
            String cols = "insert into union_org (id, parent_id, path, name, kind, region_code, status, created_at, created_by) ";
            s.execute(cols + f("values (%d, 1, '1.%d', 'bench province', 'PROVINCE', '990000', 'ACTIVE', now(), 'bench-p8')",
                    base, base));
            s.execute(cols + f("select %1$d + c, %1$d, cast('1.%1$d.' || (%1$d + c) as ltree), 'bench city ' || c, 'CITY',"
                    + " '990000', 'ACTIVE', now(), 'bench-p8' from generate_series(1, %2$d) c", base, CITIES));
            long d0 = base + CITIES;
            s.execute(cols + f("select %2$d + d, %1$d + 1 + (d - 1) / 10,"
                    + " cast('1.%1$d.' || (%1$d + 1 + (d - 1) / 10) || '.' || (%2$d + d) as ltree), 'bench district ' || d,"
                    + " 'DISTRICT', '990000', 'ACTIVE', now(), 'bench-p8' from generate_series(1, %3$d) d", base, d0, districts));
            long t0 = d0 + districts;
            s.execute(cols + f("select %3$d + t, %2$d + 1 + (t - 1) / 10,"
                    + " cast('1.%1$d.' || (%1$d + 1 + (t - 1) / 100) || '.' || (%2$d + 1 + (t - 1) / 10) || '.' || (%3$d + t) as ltree),"
                    + " 'bench town ' || t, 'TOWN', '990000', 'ACTIVE', now(), 'bench-p8' from generate_series(1, %4$d) t",
                    base, d0, t0, TOWNS));
            ids[0] = base;
            for (int i = 0; i < CITIES; i++) {
                ids[1 + i] = base + 1 + i;
            }
            for (int i = 0; i < TOWNS; i++) {
                ids[1 + CITIES + i] = t0 + 1 + i;
            }
        }
        return ids;
    }

    /** Generates the rows in chunks on two threads (encryption is the costly part) and streams them to COPY in order. */
    static void copyMembers(Connection c, PersonalDataCipher cipher, BlindIndexes indexes, long members, long[] orgs)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy member (id_number_cipher, id_number_hash,"
                    + " id_number_masked, name, mobile_cipher, mobile_hash, mobile_masked, birth_year, region_code,"
                    + " employer_credit_code, employer_name, occupation, occupation_category, employment_form, status, org_id,"
                    + " joined_at, account_subject, registered_at, registered_by, version, last_active_on) from stdin");
            Deque<Future<byte[]>> pending = new ArrayDeque<>();
            long next = 0;
            while (next < members || !pending.isEmpty()) {
                while (next < members && pending.size() < 6) {
                    long from = next;
                    long to = Math.min(members, next + CHUNK);
                    pending.add(workers.submit(() -> rows(cipher, indexes, from, to, orgs)));
                    next = to;
                }
                byte[] chunk = pending.poll().get();
                copy.writeToCopy(chunk, 0, chunk.length);
            }
            copy.endCopy();
        } finally {
            workers.shutdownNow();
        }
    }

    private static byte[] rows(PersonalDataCipher cipher, BlindIndexes indexes, long from, long to, long[] orgs) {
        StringBuilder sb = new StringBuilder((int) (to - from) * 520);
        for (long n = from; n < to; n++) {
            ResidentIdNumber id = ResidentIdNumber.of(DataIds.idNumber(n));
            String national = f("138%08d", n);
            String e164 = "+86" + national;
            long town = orgs[1 + CITIES + (int) (n % TOWNS)];
            String day = f("2020-%02d-%02d", 1 + n % 12, 1 + n % 28);
            sb.append(cipher.encrypt(id.value())).append('\t')
                    .append(indexes.idNumber().hash(id.value())).append('\t')
                    .append(id.masked()).append('\t')
                    .append("成员").append(n).append('\t')
                    .append(cipher.encrypt(e164)).append('\t')
                    .append(indexes.mobile().hash(e164)).append('\t')
                    .append(national, 0, 3).append("****").append(national, 7, 11).append('\t')
                    .append(id.birthDate().getYear()).append('\t')
                    .append(id.regionCode()).append('\t')
                    .append("\\N\t\\N\t\\N\t\\N\t")
                    .append("STANDARD\tACTIVE\t").append(town).append('\t')
                    .append(day).append(" 10:00:00+08\t\\N\t")
                    .append(day).append(" 09:00:00+08\tbench-p8\t0\t")
                    .append(day).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
