package io.gucun.outreach.partner;

import io.gucun.common.job.LeasedJob;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "import_job")
public class ImportJob extends LeasedJob {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImportKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

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

    public String error;

    @Version
    public int version;

    /** A new QUEUED import of the staged file; the checkpoint starts past the header (line 1). */
    static ImportJob queued(UUID id, ImportKind kind, String submittedBy, String stagedFile, OffsetDateTime now) {
        ImportJob job = new ImportJob();
        job.open(id, submittedBy, now);
        job.kind = kind;
        job.status = Status.QUEUED;
        job.stagedFile = stagedFile;
        job.checkpointLine = 1;
        return job;
    }

    /** Finished, with {@code error} if it failed; false if another runner finished it already (its result stands). */
    boolean finish(String error, OffsetDateTime now) {
        if (status == Status.COMPLETED || status == Status.FAILED) {
            return false;
        }
        status = error == null ? Status.COMPLETED : Status.FAILED;
        this.error = error;
        finished(now);
        return true;
    }
}
