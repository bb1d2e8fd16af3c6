package io.gucun.bench.data;

import static io.gucun.bench.data.BenchSupport.f;

import io.gucun.bench.Benchmark;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.launcher.Stack;
import java.io.BufferedWriter;
import java.io.Reader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * P9: an enterprise union's roster registered in one request ({@code POST /api/membership/enterprises/{id}/roster}
 * through the gateway as the admin, CSV), timed from the request until every member is registered with a card, every
 * event is relayed and dues has granted the recruitment subsidy for each; against {@code COPY} of the same members'
 * rows (encrypted, hashed and masked beforehand, so COPY only writes) into a scratch copy of the member table
 * ({@code like member including all}: its indexes and unique constraints) in the same database and run.
 * Targets (issue 24): ≥ 2,000 members/s end to end and ≥ 25% of COPY's rows/s.
 */
public final class RosterBenchmark implements Benchmark {

    static final int ROWS = 20_000;
    static final int QUICK_ROWS = 1_000;
    static final double TARGET_RATE = 2_000;
    static final double TARGET_RATIO = 0.25;
    private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1960, 1, 1);

    @Override
    public String id() {
        return "P9";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        int rows = Integer.getInteger("gucun.bench.p9.rows", quick ? QUICK_ROWS : ROWS);
        Path roster = Files.createTempFile(stack.home(), "p9-roster-", ".csv");
        Path copy = Files.createTempFile(stack.home(), "p9-copy-", ".csv");
        try {
            return measure(stack, rows, roster, copy, raw);
        } finally {
            Files.deleteIfExists(roster);
            Files.deleteIfExists(copy);
        }
    }

    /** Valid resident ID numbers of region 310113 (P8's members are of 310114), from a random start each run. */
    private static String idNumber(long k) {
        String first17 = "310113" + FIRST_BIRTHDAY.plusDays(k / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", k % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private String measure(Stack stack, int rows, Path roster, Path copy, Path raw) throws Exception {
        long start0 = ThreadLocalRandom.current().nextLong(0, 15_000_000L - rows);
        try (BufferedWriter r = Files.newBufferedWriter(roster, StandardCharsets.UTF_8)) {
            r.write("idNumber,name,mobile,employmentForm,occupation\n");
            for (int n = 0; n < rows; n++) {
                r.write(idNumber(start0 + n) + ",花名册" + n + "," + mobile(start0 + n) + ",STANDARD,装配工\n");
            }
        }

        // 1. the roster through the gateway, until members, cards, events and subsidies are all there
        Supplier<String> admin = BenchSupport.admin(stack);
        String api = stack.gatewayUrl() + "/api/membership";
        String uscc = DataIds.creditCode(ThreadLocalRandom.current().nextLong(30_000_000, 40_000_000));
        String enterprise = BenchSupport.field(BenchSupport.expect(201, BenchSupport.send("POST", api + "/enterprises",
                admin.get(), "application/json", HttpRequest.BodyPublishers.ofString("{\"creditCode\":\"" + uscc
                        + "\",\"name\":\"压测花名册" + uscc.substring(8, 16) + "有限公司\",\"employeeCount\":" + rows
                        + ",\"orgId\":5}"))).body(), "id");
        BenchSupport.expect(201, BenchSupport.send("POST", api + "/enterprises/" + enterprise + "/union", admin.get(),
                "application/json", HttpRequest.BodyPublishers.ofString("{}")));

        long start = System.nanoTime();
        String accepted = BenchSupport.expect(202, BenchSupport.send("POST", api + "/enterprises/" + enterprise + "/roster",
                admin.get(), "text/csv", HttpRequest.BodyPublishers.ofFile(roster))).body();
        double uploadSeconds = BenchSupport.seconds(start);
        String job = accepted;
        while (!"COMPLETED".equals(BenchSupport.field(job, "status")) && !"FAILED".equals(BenchSupport.field(job, "status"))) {
            Thread.sleep(100);
            job = BenchSupport.expect(200, BenchSupport.send("GET", api + "/enterprises/" + enterprise + "/roster/"
                    + BenchSupport.field(accepted, "id"), admin.get(), null, HttpRequest.BodyPublishers.noBody())).body();
        }
        double registeredSeconds = BenchSupport.seconds(start);
        if (!"COMPLETED".equals(BenchSupport.field(job, "status")) || Integer.parseInt(BenchSupport.field(job, "registered")) != rows) {
            throw new IllegalStateException("the roster did not register every row: " + job);
        }
        long union = Long.parseLong(BenchSupport.field(job, "unionOrgId"));
        double relayedSeconds;
        double subsidisedSeconds = Double.NaN;
        long granted;
        try (Connection m = BenchSupport.connect(stack, "membership"); Connection d = BenchSupport.connect(stack, "dues")) {
            while (count(m, "select count(*) from outbox_event e join member x on e.aggregate_type = 'member'"
                    + " and e.aggregate_id = cast(x.id as varchar) where x.org_id = ? and e.published_at is null", union) > 0) {
                Thread.sleep(100);
            }
            relayedSeconds = BenchSupport.seconds(start);
            long deadline = System.nanoTime() + 600_000_000_000L;
            while ((granted = count(d, "select count(*) from subsidy_grant where org_id = ?", union)) < rows
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (granted == rows) {
                subsidisedSeconds = BenchSupport.seconds(start);
            }
        }

        // 2. COPY of the same members, as the roster stored them (ACTIVE in the union), into a scratch copy of the table
        writeCopy(stack, copy, rows, start0, union);
        double copySeconds;
        long copied;
        try (Connection c = BenchSupport.connect(stack, "membership"); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_copy_member");
            s.execute("create table bench_copy_member (like member including all)");
            long t = System.nanoTime();
            try (Reader r = Files.newBufferedReader(copy, StandardCharsets.UTF_8)) {
                copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_copy_member (id_number_cipher,"
                        + " id_number_hash, id_number_masked, name, mobile_cipher, mobile_hash, mobile_masked, birth_year,"
                        + " region_code, employment_form, status, org_id, joined_at, registered_at, registered_by)"
                        + " from stdin with (format csv)", r);
            }
            copySeconds = BenchSupport.seconds(t);
            s.execute("drop table bench_copy_member");
        }

        double endToEnd = Double.isNaN(subsidisedSeconds) ? relayedSeconds : subsidisedSeconds;
        double rate = rows / endToEnd;
        double copyRate = copied / copySeconds;
        double ratio = rate / copyRate;
        boolean met = !Double.isNaN(subsidisedSeconds) && rate >= TARGET_RATE && ratio >= TARGET_RATIO;
        Map<String, Object> v = BenchSupport.values();
        v.put("id", id());
        v.put("rows", rows);
        v.put("uploadSeconds", uploadSeconds);
        v.put("registeredSeconds", registeredSeconds);
        v.put("relayedSeconds", relayedSeconds);
        v.put("subsidisedSeconds", subsidisedSeconds);
        v.put("subsidiesGranted", granted);
        v.put("membersPerSecond", rate);
        v.put("copySeconds", copySeconds);
        v.put("copyRowsPerSecond", copyRate);
        v.put("ratio", ratio);
        v.put("targetRate", TARGET_RATE);
        v.put("targetRatio", TARGET_RATIO);
        v.put("met", met);
        BenchSupport.writeRaw(raw, id(), v);

        return f("""
                ## P9 — bulk roster registration against PostgreSQL COPY

                A roster of %,d members (CSV, every row valid) posted by the admin through the gateway to
                `POST /api/membership/enterprises/{id}/roster` for a freshly founded enterprise union under the town
                federation, then timed until every member is registered (job COMPLETED: member, period, card, card
                history and the three outbox events per member), every event is relayed to Kafka, and dues has granted
                the recruitment subsidy for every member (`subsidy_grant`, %,d of %,d). Baseline: `COPY` of the same
                members' rows — encrypted, hashed and masked beforehand — into `like member including all` (its indexes
                and unique constraints) in the same database, in the same run.

                | | time | members/s |
                |---|---:|---:|
                | upload (202 Accepted) | %.2f s | |
                | registered (job COMPLETED) | %.2f s | %,.0f |
                | events relayed | %.2f s | %,.0f |
                | subsidies granted (end to end) | %.2f s | %,.0f |
                | COPY of the same rows (baseline) | %.2f s | %,.0f |

                End to end **%,.0f members/s** (target ≥ %,.0f) = **%.1f%%** of COPY's rows/s (target ≥ %.0f%%) — %s.
                """, rows, granted, rows, uploadSeconds, registeredSeconds, rows / registeredSeconds, relayedSeconds,
                rows / relayedSeconds, subsidisedSeconds, rows / subsidisedSeconds, copySeconds, copyRate, rate,
                TARGET_RATE, ratio * 100, TARGET_RATIO * 100, BenchSupport.met(met));
    }

    private static String mobile(long k) {
        return String.format("139%08d", k % 100_000_000L);
    }

    /** The roster's members as member rows: encrypted, hashed and masked here, before COPY's clock starts. */
    private static void writeCopy(Stack stack, Path copy, int rows, long start0, long union) throws Exception {
        PersonalDataCipher cipher = BenchSupport.cipher(stack);
        BlindIndexes indexes = BenchSupport.indexes(stack);
        try (BufferedWriter c = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (int n = 0; n < rows; n++) {
                String id = idNumber(start0 + n);
                String mobile = mobile(start0 + n);
                ResidentIdNumber rid = ResidentIdNumber.of(id);
                c.write(String.join(",", cipher.encrypt(id), indexes.idNumber().hash(id), rid.masked(), "花名册" + n,
                        cipher.encrypt("+86" + mobile), indexes.mobile().hash("+86" + mobile),
                        mobile.substring(0, 3) + "****" + mobile.substring(7), Integer.toString(rid.birthDate().getYear()),
                        rid.regionCode(), "STANDARD", "ACTIVE", Long.toString(union), "2026-01-01T00:00:00Z",
                        "2026-01-01T00:00:00Z", "bench") + "\n");
            }
        }
    }

    private static long count(Connection c, String sql, long param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, param);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
