package io.gucun.dues.job;

import io.gucun.common.job.LeasedJob;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Large work run in the background: a collection import or a rebate run, its progress and, when done, its result. */
@Entity
@Table(name = "dues_job")
public class DuesJob extends LeasedJob {

    public enum Kind { COLLECTION_IMPORT, REBATE_RUN }

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Comma-separated: the caller's roles that matter to the work (admin, officer, partner-tax). */
    @Column(name = "submitter_roles", nullable = false)
    public String submitterRoles;

    @Column(name = "submitter_scope")
    public String submitterScope;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "org_id")
    public Long orgId;

    public String period;

    public String format;

    @Column(name = "lines_page")
    public Integer linesPage;

    @Column(name = "lines_size")
    public Integer linesSize;

    @Column(name = "import_id")
    public Long importId;

    public int chunks;

    @Column(name = "chunks_done")
    public int chunksDone;

    @Column(name = "rows_total")
    public long rowsTotal;

    @Column(name = "rows_done")
    public long rowsDone;

    public long posted;

    public long duplicates;

    public long rejected;

    public long flagged;

    @JdbcTypeCode(SqlTypes.JSON)
    public String result;

    @JdbcTypeCode(SqlTypes.JSON)
    public String problem;

    public int attempts;

    @Version
    public int version;

    /** A new QUEUED job of {@code kind} for the submitter, not yet persisted. */
    static DuesJob queued(Kind kind, Submitter s, String idempotencyKey, String requestHash, java.time.OffsetDateTime now) {
        DuesJob job = new DuesJob();
        job.open(java.util.UUID.randomUUID(), s.username(), now);
        job.kind = kind;
        job.status = Status.QUEUED;
        job.submitterRoles = s.rolesText();
        job.submitterScope = s.orgPath();
        job.idempotencyKey = idempotencyKey;
        job.requestHash = requestHash;
        return job;
    }

    public Submitter submitter() {
        return Submitter.of(submittedBy, submitterRoles, submitterScope);
    }
}
