package io.gucun.dues.collection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.db.JobTimeouts;
import io.gucun.common.problem.ApiException;
import io.gucun.dues.collection.CollectionRules.RawRow;
import io.gucun.dues.job.DuesJob;
import io.gucun.dues.job.JobRunner;
import io.gucun.dues.job.JobWork;
import io.gucun.dues.job.Jobs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Collection imports as jobs. The body is read as it streams in and spooled to the database in chunks of records
 * (never held whole in memory); the job then posts chunk by chunk, each chunk's postings committed with its results
 * and the job's progress, so a job taken up again after a crash carries on after its last committed chunk. A record
 * posts once whatever happens: its partner reference is the collection's natural key.
 */
@ApplicationScoped
public class CollectionImports implements JobWork {

    @Inject
    CollectionService collections;

    @Inject
    Jobs jobs;

    @Inject
    JobRunner runner;

    @Inject
    JobTimeouts jobTimeouts;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "gucun.dues.import.chunk-records", defaultValue = "1000")
    int chunkRecords;

    @ConfigProperty(name = "gucun.dues.import.spool-timeout", defaultValue = "3600")
    int spoolTimeoutSeconds;

    @Override
    public DuesJob.Kind kind() {
        return DuesJob.Kind.COLLECTION_IMPORT;
    }

    /**
     * Spools the body and queues its job; 400 (no job) for a body that is not CSV with the required header or a JSON
     * array, or holds no record. With {@code start} false the job waits for the sweep (tests stage crashes so).
     */
    public DuesJob accept(String format, InputStream body, String idempotencyKey, boolean start) {
        String key = Jobs.key(idempotencyKey);
        DuesJob job;
        try {
            job = QuarkusTransaction.requiringNew().timeout(spoolTimeoutSeconds).call(() -> spool(format, body, key));
        } catch (RuntimeException e) {
            // The same key sent twice at once: the one that committed first holds it, and this is the same request.
            Optional<DuesJob> winner = key == null || e instanceof ApiException ? Optional.empty()
                    : QuarkusTransaction.requiringNew().call(() -> jobs.byKey(kind(), key));
            job = winner.orElseThrow(() -> e);
        }
        if (start && job.status == DuesJob.Status.QUEUED && job.startedAt == null) {
            runner.start(job.id);
        }
        return job;
    }

    private DuesJob spool(String format, InputStream body, String key) {
        DuesJob job = jobs.open(kind(), null, "");
        job.format = format;
        job.persist();
        em.flush(); // the chunks refer to it
        MessageDigest sha = sha256();
        sha.update(format.getBytes(StandardCharsets.UTF_8));
        Spool spool = new Spool(job);
        InputStream in = new DigestInputStream(body, sha);
        if ("CSV".equals(format)) {
            CsvRecords.read(in, spool::add);
        } else {
            JsonRecords.read(mapper, in, spool::add);
        }
        spool.flush();
        if (spool.records == 0) {
            throw ApiException.invalid("rows", "must contain at least one record");
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        Optional<DuesJob> before = jobs.sentBefore(kind(), key, hash);
        if (before.isPresent()) {
            QuarkusTransaction.setRollbackOnly(); // this copy's spool goes; the first one's job stands
            return before.get();
        }
        job.idempotencyKey = key;
        job.requestHash = hash;
        job.chunks = spool.chunks;
        job.rowsTotal = spool.records;
        job.importId = collections.newImport(format, job.createdAt.toInstant(), spool.records);
        return job;
    }

    /** Records gathered into chunks and written as each fills up. */
    private final class Spool {
        private final DuesJob job;
        private final List<RawRow> pending = new ArrayList<>();
        int chunks;
        long records;

        Spool(DuesJob job) {
            this.job = job;
        }

        void add(RawRow row) {
            pending.add(row);
            records++;
            if (pending.size() == chunkRecords) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            em.createNativeQuery("insert into dues_job_chunk (job_id, seq, rows) values (?1, ?2, cast(?3 as jsonb))")
                    .setParameter(1, job.id).setParameter(2, chunks++).setParameter(3, runner.json(pending)).executeUpdate();
            pending.clear();
        }
    }

    @Override
    public void resume(DuesJob job, long maxSteps) {
        long steps = 0;
        for (int seq = job.chunksDone; seq < job.chunks; seq++) {
            if (steps++ >= maxSteps) {
                return;
            }
            int chunk = seq;
            QuarkusTransaction.requiringNew().timeout(spoolTimeoutSeconds).run(() -> postChunk(job, chunk));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            CollectionDtos.ImportResult result = collections.complete(job.importId, job.id);
            runner.succeed(job.id, result);
            // The results now live in the import; the spooled records are done with.
            em.createNativeQuery("delete from dues_job_chunk where job_id = ?1").setParameter(1, job.id).executeUpdate();
        });
    }

    /** One chunk: its postings, its results, the import's counts and the job's progress, in one transaction. */
    private void postChunk(DuesJob job, int seq) {
        jobTimeouts.raiseForThisTransaction(); // a thousand postings beside the API's work on the same accounts
        List<RawRow> rows = read((String) em.createNativeQuery("select cast(rows as text) from dues_job_chunk where job_id = ?1"
                + " and seq = ?2").setParameter(1, job.id).setParameter(2, seq).getSingleResult());
        List<CollectionDtos.RowResult> results = collections.post(job.importId, job.createdAt.toInstant(), rows);
        CollectionDtos.Counts n = CollectionDtos.Counts.of(results);
        em.createNativeQuery("update dues_job_chunk set results = cast(?1 as jsonb) where job_id = ?2 and seq = ?3")
                .setParameter(1, runner.json(results)).setParameter(2, job.id).setParameter(3, seq).executeUpdate();
        collections.addCounts(job.importId, n);
        runner.committed(job.id, seq, "rows_done = rows_done + ?3, posted = posted + ?4, duplicates = duplicates + ?5,"
                + " rejected = rejected + ?6, flagged = flagged + ?7", rows.size(), n.posted(), n.duplicates(), n.rejected(), n.flagged());
    }

    private List<RawRow> read(String json) {
        try {
            return mapper.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
