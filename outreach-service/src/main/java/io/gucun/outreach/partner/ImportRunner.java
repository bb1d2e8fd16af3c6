package io.gucun.outreach.partner;

import io.agroal.api.AgroalDataSource;
import io.gucun.common.db.JobTimeouts;
import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.job.JobLeases;
import io.gucun.common.pii.BlindIndex;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Processes staged import files: reads line by line (never the whole file in memory), validates each row, and applies
 * a batch at a time — upserts, rejects, counters and checkpoint in one transaction. A job whose lease ran out (its
 * process died) is picked up again and resumes after its checkpoint.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    private static final String TABLE = "import_job";

    @Inject
    JobLeases leases;

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BlindIndexes indexes;

    @Inject
    ChangeFeed feeds;

    @ConfigProperty(name = "gucun.outreach.import.batch-size", defaultValue = "5000")
    int batchSize;

    @ConfigProperty(name = "gucun.outreach.import.lease", defaultValue = "PT2M")
    Duration lease;

    @Inject
    BusinessTime time;

    private final ExecutorService workers = JobLeases.workers("partner-import", 2);

    void onStop(@Observes ShutdownEvent e) {
        workers.shutdownNow();
    }

    public void start(UUID jobId) {
        workers.execute(() -> run(jobId, batchSize, Long.MAX_VALUE));
    }

    /** Picks up jobs whose runner died (lease expired) and whose staged file is on this instance. */
    @Scheduled(every = "${gucun.outreach.import.sweep-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeAbandoned() {
        List<UUID> stale = leases.abandoned(TABLE);
        if (stale.isEmpty()) {
            return;
        }
        List<ImportJob> jobs = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob>list("id in ?1", stale));
        for (ImportJob job : jobs) {
            if (Files.exists(Path.of(job.stagedFile))) {
                start(job.id);
            }
        }
    }

    /**
     * Runs the job from its checkpoint for at most {@code maxBatches} batches (tests use a limit to stage a crash).
     * Returns false if another runner holds the job.
     */
    public boolean run(UUID jobId, int batch, long maxBatches) {
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> claim(jobId));
        if (job == null) {
            return false;
        }
        // Bytes that are not UTF-8 become U+FFFD (the reader does not stop on them), and that line alone is rejected.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of(job.stagedFile)),
                StandardCharsets.UTF_8))) {
            // One physical line is one row: a malformed line (an unclosed quote, an oversized field) is rejected alone
            // instead of swallowing the lines after it, and the checkpoint is a line number to skip to as text.
            long line = 0;
            while (line < job.checkpointLine && in.readLine() != null) {
                line++;
            }
            long batches = 0;
            List<Line> lines = new ArrayList<>(batch);
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                lines.add(new Line(line, text));
                if (lines.size() == batch) {
                    apply(job, lines, line);
                    lines.clear();
                    if (++batches >= maxBatches) {
                        return true;
                    }
                }
            }
            if (!lines.isEmpty() || line > job.checkpointLine) {
                apply(job, lines, line);
            }
            QuarkusTransaction.requiringNew().run(() -> finish(jobId, null));
            Files.deleteIfExists(Path.of(job.stagedFile));
        } catch (IOException | RuntimeException e) {
            // The class only: a message may quote a row of the file, and the job's error is shown to the partner.
            LOG.errorf("import %s failed: %s", jobId, e.getClass().getName());
            QuarkusTransaction.requiringNew().run(() -> finish(jobId, "the import stopped on an unexpected error; the rows"
                    + " loaded so far stay, and sending the file again is safe (rows are replaced, not added)"));
        }
        return true;
    }

    private ImportJob claim(UUID jobId) {
        return leases.claim(TABLE, jobId, lease, "") ? ImportJob.findById(jobId) : null;
    }

    private void finish(UUID jobId, String error) {
        ImportJob j = ImportJob.findById(jobId);
        if (!j.finish(error, now())) {
            return; // a runner whose lease ran out finished it already: its result stands, and is in the feed once
        }
        // Same transaction as the status: the partner's feed carries each finished import exactly once.
        feeds.append(j.kind.feed(), j.id, error == null ? ImportFeeds.IMPORT_COMPLETED : ImportFeeds.IMPORT_FAILED,
                j.id.toString(), ImportDtos.JobView.of(j), j.finishedAt);
    }

    private static final char NOT_UTF_8 = '\uFFFD';

    /** One row of the staged file and the number of its line (the header is line 1). */
    private record Line(long number, String text) {
    }

    /** The non-blank lines up to line {@code last} of the file, applied in one transaction with the checkpoint. */
    private void apply(ImportJob job, List<Line> lines, long last) {
        Map<String, Object> rows = new LinkedHashMap<>();
        Map<Long, String> rejects = new LinkedHashMap<>();
        // The same persons' rows under a previous key version (during a rotation): replaced by this file's rows.
        List<String> previousHashes = new ArrayList<>();
        Map<String, String> currentOf = new LinkedHashMap<>();
        BlindIndex ids = indexes.idNumber();
        LocalDate today = time.today();
        YearMonth month = time.month();
        for (Line l : lines) {
            long lineNo = l.number();
            if (l.text().indexOf(NOT_UTF_8) >= 0) {
                rejects.put(lineNo, "the line is not UTF-8 text");
                continue;
            }
            var parsed = CsvRows.fields(l.text());
            if (parsed.row() == null) {
                rejects.put(lineNo, parsed.reason());
                continue;
            }
            List<String> fields = parsed.row();
            if (job.kind == ImportKind.SOCIAL_INSURANCE) {
                var p = CsvRows.insured(fields, today);
                if (p.row() == null) {
                    rejects.put(lineNo, p.reason());
                } else {
                    List<String> hashes = ids.hashesInUse(p.row().personId());
                    String hash = hashes.getFirst();
                    previousHashes.addAll(hashes.subList(1, hashes.size()));
                    hashes.subList(1, hashes.size()).forEach(old -> currentOf.put(old, hash));
                    rows.put(hash, new CsvRows.Insured(hash, p.row().employerCreditCode(), p.row().insuredSince(), p.row().status()));
                }
            } else {
                var p = CsvRows.tax(fields, month);
                if (p.row() == null) {
                    rejects.put(lineNo, p.reason());
                } else {
                    rows.put(p.row().creditCode() + "|" + p.row().period(), p.row());
                }
            }
        }
        long accepted = lines.size() - rejects.size();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                jobTimeouts.raiseForThisTransaction(c); // a batch of thousands of upserts, beside API work on the same rows
                // In key order: the keys are keyed hashes, so in file order each row lands on a random index page;
                // sorted, a batch walks the primary-key index once from left to right.
                if (!previousHashes.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("delete from insured_person where id_hash = any(?)")) {
                        ps.setArray(1, c.createArrayOf("varchar", previousHashes.toArray()));
                        ps.executeUpdate();
                    }
                    // Sign-ups keep no ID number to re-hash: this file is the one chance to move the same persons'
                    // sign-ups to the current version, so insured workers still match the members among them.
                    try (PreparedStatement ps = c.prepareStatement(
                            "update sign_up set id_hash = ?, id_hash_version = ? where id_hash = ?")) {
                        for (var moved : currentOf.entrySet()) {
                            ps.setString(1, moved.getValue());
                            ps.setInt(2, ids.current().version());
                            ps.setString(3, moved.getKey());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                upsert(c, job, new java.util.TreeMap<>(rows).values(), ids.current().version());
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into import_reject (job_id, line, reason) values (?, ?, ?) on conflict do nothing")) {
                    for (var r : rejects.entrySet()) {
                        ps.setObject(1, job.id);
                        ps.setLong(2, r.getKey());
                        ps.setString(3, r.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("update import_job set rows_read = rows_read + ?,"
                        + " rows_accepted = rows_accepted + ?, rows_rejected = rows_rejected + ?, checkpoint_line = ?,"
                        + " lease_until = ?, version = version + 1 where id = ?")) {
                    ps.setLong(1, lines.size());
                    ps.setLong(2, accepted);
                    ps.setLong(3, rejects.size());
                    ps.setLong(4, last);
                    ps.setObject(5, leases.until(lease));
                    ps.setObject(6, job.id);
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("import batch failed: " + e.getSQLState(), e);
            }
        });
    }

    /** One statement per batch: the rows go as arrays, and the database executes the upsert once, not once per row. */
    private void upsert(Connection c, ImportJob job, java.util.Collection<Object> rows, int hashVersion)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (job.kind == ImportKind.SOCIAL_INSURANCE) {
            List<CsvRows.Insured> insured = rows.stream().map(CsvRows.Insured.class::cast).toList();
            try (PreparedStatement ps = c.prepareStatement("insert into insured_person (id_hash, employer_credit_code,"
                    + " insured_since, status, job_id, updated_at, id_hash_version) select r.*, ?, now(), ?"
                    + " from unnest(?::varchar[], ?::varchar[], ?::date[], ?::varchar[]) r"
                    + " on conflict (id_hash) do update set employer_credit_code = excluded.employer_credit_code,"
                    + " insured_since = excluded.insured_since, status = excluded.status, job_id = excluded.job_id,"
                    + " updated_at = excluded.updated_at, id_hash_version = excluded.id_hash_version")) {
                ps.setObject(1, job.id);
                ps.setInt(2, hashVersion);
                ps.setArray(3, c.createArrayOf("varchar", insured.stream().map(CsvRows.Insured::personId).toArray()));
                ps.setArray(4, c.createArrayOf("varchar", insured.stream().map(CsvRows.Insured::employerCreditCode).toArray()));
                ps.setArray(5, c.createArrayOf("date", insured.stream().map(r -> Date.valueOf(r.insuredSince())).toArray()));
                ps.setArray(6, c.createArrayOf("varchar", insured.stream().map(CsvRows.Insured::status).toArray()));
                ps.executeUpdate();
            }
        } else {
            List<CsvRows.Tax> tax = rows.stream().map(CsvRows.Tax.class::cast).toList();
            try (PreparedStatement ps = c.prepareStatement("insert into tax_record (credit_code, period, headcount, payroll,"
                    + " job_id, updated_at) select r.*, ?, now() from unnest(?::varchar[], ?::varchar[], ?::int[], ?::numeric[]) r"
                    + " on conflict (credit_code, period) do update set headcount = excluded.headcount,"
                    + " payroll = excluded.payroll, job_id = excluded.job_id, updated_at = excluded.updated_at")) {
                ps.setObject(1, job.id);
                ps.setArray(2, c.createArrayOf("varchar", tax.stream().map(CsvRows.Tax::creditCode).toArray()));
                ps.setArray(3, c.createArrayOf("varchar", tax.stream().map(CsvRows.Tax::period).toArray()));
                ps.setArray(4, c.createArrayOf("int", tax.stream().map(CsvRows.Tax::headcount).toArray()));
                ps.setArray(5, c.createArrayOf("numeric", tax.stream().map(CsvRows.Tax::payroll).toArray()));
                ps.executeUpdate();
            }
        }
    }

    OffsetDateTime now() {
        return time.now();
    }
}
