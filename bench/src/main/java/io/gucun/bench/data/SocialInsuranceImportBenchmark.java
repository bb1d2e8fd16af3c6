package io.gucun.bench.data;

import static io.gucun.bench.data.BenchSupport.f;

import io.gucun.bench.Benchmark;
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
import java.util.Map;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * P5: a social-insurance file imported through outreach's import API, sent through the gateway as the partner sends it
 * (client-credentials token, {@code text/csv} body streamed from disk, then the job polled to its end), against
 * PostgreSQL COPY of the same file into an equivalent table in the same database: the same four columns typed as the
 * import stores them, keyed by the person like {@code insured_person} is keyed by the person's hash. COPY validates
 * nothing, hashes nothing and does not upsert; it is the database's own bulk-load speed on this machine. The service's
 * peak heap is sampled from its /q/metrics while the import runs.
 */
public final class SocialInsuranceImportBenchmark implements Benchmark {

    static final int ROWS = 1_000_000;
    static final int QUICK_ROWS = 10_000;
    static final double TARGET_RATIO = 0.40;
    static final double TARGET_HEAP_MB = 512;
    /** The import's batch size (outreach's gucun.outreach.import.batch-size default). */
    static final int UPSERT_BATCH = 5_000;

    public SocialInsuranceImportBenchmark() {
    }

    @Override
    public String id() {
        return "P5";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        int rows = Integer.getInteger("gucun.bench.p5.rows", quick ? QUICK_ROWS : ROWS);
        Path file = Files.createTempFile(stack.home(), "p5-social-insurance-", ".csv");
        try {
            return measure(stack, rows, file, raw);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String measure(Stack stack, int rows, Path file, Path raw) throws Exception {
        writeFile(file, rows);
        long bytes = Files.size(file);
        Supplier<String> partner = BenchSupport.partner(stack, "partner-social-insurance");
        String api = stack.gatewayUrl() + "/api/outreach/imports";

        // 1. the import, as the partner sends it
        double importSeconds;
        double uploadSeconds;
        String job;
        HeapSampler heap = new HeapSampler(stack.serviceUrls("outreach").get(0), 100);
        try {
            String token = partner.get();
            long start = System.nanoTime();
            String accepted = BenchSupport.expect(202, BenchSupport.send("POST", api + "/social-insurance", token, "text/csv",
                    HttpRequest.BodyPublishers.ofFile(file))).body();
            uploadSeconds = BenchSupport.seconds(start);
            String id = BenchSupport.field(accepted, "id");
            do {
                Thread.sleep(100);
                job = BenchSupport.expect(200, BenchSupport.send("GET", api + "/" + id, partner.get(), null,
                        HttpRequest.BodyPublishers.noBody())).body();
            } while (!"COMPLETED".equals(BenchSupport.field(job, "status")) && !"FAILED".equals(BenchSupport.field(job, "status")));
            importSeconds = BenchSupport.seconds(start);
        } finally {
            heap.close();
        }
        if (!"COMPLETED".equals(BenchSupport.field(job, "status"))
                || Long.parseLong(BenchSupport.field(job, "rowsAccepted")) != rows) {
            throw new IllegalStateException("the import did not accept every row: " + job);
        }

        // 2. COPY of the same file into an equivalent table
        double copySeconds;
        double upsertSeconds;
        long copied;
        long stored;
        try (Connection c = BenchSupport.connect(stack, "outreach"); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from insured_person")) {
                r.next();
                stored = r.getLong(1);
            }
            s.execute("drop table if exists bench_copy_insured");
            s.execute("create table bench_copy_insured (person_id varchar(18) primary key, employer_credit_code varchar(18)"
                    + " not null, insured_since date not null, status varchar(16) not null)");
            long start = System.nanoTime();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                copied = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_copy_insured from stdin with (format csv, header true)", r);
            }
            copySeconds = BenchSupport.seconds(start);
            // 3. The import's own write in SQL alone: the copied rows upserted into a table shaped like insured_person
            // (its indexes included), keyed by a 64-hex hash of the ID number, in batches of the service's size, each
            // sorted by the key as the service writes it. What the database needs for this write, without parsing,
            // validation or HMAC.
            s.execute("drop table if exists bench_upsert_insured");
            s.execute("create table bench_upsert_insured (like insured_person including all)");
            s.execute("alter table bench_copy_insured add column n bigserial");
            s.execute("create index on bench_copy_insured (n)");
            s.execute("analyze bench_copy_insured");
            start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("insert into bench_upsert_insured (id_hash, employer_credit_code,"
                    + " insured_since, status, job_id, updated_at) select encode(sha256(convert_to(person_id, 'UTF8')), 'hex'),"
                    + " employer_credit_code, insured_since, status, gen_random_uuid(), now() from bench_copy_insured"
                    + " where n > ? and n <= ? order by 1 on conflict (id_hash) do update set employer_credit_code"
                    + " = excluded.employer_credit_code, insured_since = excluded.insured_since, status = excluded.status,"
                    + " job_id = excluded.job_id, updated_at = excluded.updated_at")) {
                for (long from = 0; from < copied; from += UPSERT_BATCH) {
                    ps.setLong(1, from);
                    ps.setLong(2, from + UPSERT_BATCH);
                    ps.executeUpdate();
                }
            }
            upsertSeconds = BenchSupport.seconds(start);
            s.execute("drop table bench_upsert_insured");
            s.execute("drop table bench_copy_insured");
        }

        double importRate = rows / importSeconds;
        double copyRate = copied / copySeconds;
        double ratio = importRate / copyRate;
        double peakMb = heap.peakUsedMb();
        boolean heapKnown = heap.samples() > 0;
        boolean met = ratio >= TARGET_RATIO && heapKnown && peakMb < TARGET_HEAP_MB;

        Map<String, Object> v = BenchSupport.values();
        v.put("id", id());
        v.put("rows", rows);
        v.put("fileBytes", bytes);
        v.put("importSeconds", importSeconds);
        v.put("uploadSeconds", uploadSeconds);
        v.put("importRowsPerSecond", importRate);
        v.put("rowsStoredByImport", stored);
        v.put("copySeconds", copySeconds);
        v.put("copyRowsPerSecond", copyRate);
        v.put("sqlUpsertSeconds", upsertSeconds);
        v.put("sqlUpsertRowsPerSecond", copied / upsertSeconds);
        v.put("importToSqlUpsert", importRate / (copied / upsertSeconds));
        v.put("ratio", ratio);
        v.put("targetRatio", TARGET_RATIO);
        v.put("servicePeakHeapUsedMb", peakMb);
        v.put("serviceMaxHeapMb", heap.maxMb());
        v.put("heapSamples", heap.samples());
        v.put("heapSamplerError", heap.error());
        v.put("targetHeapMb", TARGET_HEAP_MB);
        v.put("met", met);
        BenchSupport.writeRaw(raw, id(), v);

        return f("""
                ## P5 — social-insurance import against PostgreSQL COPY

                %,d rows (%.1f MB, `person_id,employer_uscc,insured_since,status`, every row valid) sent by the
                `partner-social-insurance` client through the gateway to `POST /api/outreach/imports/social-insurance`
                (`text/csv`, streamed from disk), the job polled until it completed: the service stages the body on disk,
                then validates every ID number and credit code, computes the keyed hash of the ID number and upserts
                by it in batches, with a checkpoint per batch. Baseline: `COPY ... from stdin (format csv)` of the
                same file over JDBC into an equivalent table of the same database (same four columns, typed, keyed by
                the person), in the same run.

                | | time | rows/s |
                |---|---:|---:|
                | import through the API (upload %.1f s) | %.1f s | %,.0f |
                | COPY of the same rows (baseline) | %.2f s | %,.0f |
                | the import's upsert in SQL alone (reference) | %.2f s | %,.0f |

                Import / COPY: **%.1f%%** of COPY's rows/s (target ≥ %.0f%%) — %s. The reference row is the database's
                own time for the import's write: the copied rows upserted %,d per statement, each sorted by its key, into a
                table made `like insured_person including all` (its primary key and partial index), keyed by a 64-hex
                SHA-256 of the ID number as the import keys by its HMAC; no parsing, validation or hashing in Java. The
                import runs at **%.0f%%** of that.
                Peak heap used by outreach-service while importing: **%.0f MB** of its %.0f MB maximum (%d samples of
                its `/q/metrics` `jvm_memory_used_bytes{area="heap"}` every 100 ms; the services expose no JMX; garbage
                not yet collected included) against the target < %.0f MB — %s.
                """, rows, bytes / 1e6, uploadSeconds, importSeconds, importRate, copySeconds, copyRate, upsertSeconds,
                copied / upsertSeconds, ratio * 100, TARGET_RATIO * 100, BenchSupport.met(ratio >= TARGET_RATIO), UPSERT_BATCH,
                importRate / (copied / upsertSeconds) * 100, peakMb, heap.maxMb(), heap.samples(),
                TARGET_HEAP_MB, BenchSupport.met(heapKnown && peakMb < TARGET_HEAP_MB));
    }

    /** Every row valid, one person per row, 1,000 employers. */
    static void writeFile(Path file, int rows) throws Exception {
        String[] employers = new String[1000];
        for (int i = 0; i < employers.length; i++) {
            employers[i] = DataIds.creditCode(20_000_000 + i);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("person_id,employer_uscc,insured_since,status\n");
            for (int n = 0; n < rows; n++) {
                w.write(DataIds.idNumber(n));
                w.write(',');
                w.write(employers[n % employers.length]);
                w.write(n % 50 == 0 ? ",2022-07-01,SUSPENDED\n" : ",2021-03-01,ACTIVE\n");
            }
        }
    }
}
