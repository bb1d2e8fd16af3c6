package io.gucun.outreach.partner;

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

@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImportKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "staged_file", nullable = false)
    public String stagedFile;

    @Column(name = "rows_read", nullable = false)
    public long rowsRead;

    @Column(name = "rows_accepted", nullable = false)
    public long rowsAccepted;

    @Column(name = "rows_rejected", nullable = false)
    public long rowsRejected;

    /** The last line of the file whose row is fully applied (the header is line 1). */
    @Column(name = "checkpoint_line", nullable = false)
    public long checkpointLine;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public String error;

    @Version
    public int version;
}
