package io.gucun.dues.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Large work run in the background: a collection import or a rebate run, its progress and, when done, its result. */
@Entity
@Table(name = "dues_job")
public class DuesJob extends PanacheEntityBase {

    public enum Kind { COLLECTION_IMPORT, REBATE_RUN }

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

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

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    public int attempts;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Version
    public int version;

    public Submitter submitter() {
        return Submitter.of(submittedBy, submitterRoles, submitterScope);
    }
}
