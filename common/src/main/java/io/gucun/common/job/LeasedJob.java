package io.gucun.common.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The columns every background job's table has: who submitted it, when it was created, started and finished, and the
 * lease of the runner working on it ({@link JobLeases}). A job is QUEUED, then RUNNING under a lease, then finished
 * under a status of its own service's naming; what it works on, its progress and its result are the subclass's.
 */
@MappedSuperclass
public abstract class LeasedJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    /** Until when the runner that claimed the job holds it; null while QUEUED and once finished. */
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** A new job of {@code submittedBy}, created now. Its status is the subclass's to set (QUEUED). */
    protected void open(UUID id, String submittedBy, OffsetDateTime now) {
        this.id = id;
        this.submittedBy = submittedBy;
        this.createdAt = now;
    }

    /** The job is finished (whichever way): it holds no lease any more, so no sweep takes it up again. */
    protected void finished(OffsetDateTime now) {
        this.finishedAt = now;
        this.leaseUntil = null;
    }
}
