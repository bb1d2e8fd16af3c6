package io.gucun.membership.roster;

import io.gucun.common.job.LeasedJob;
import io.gucun.membership.member.MemberAccess;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One posted roster and how far its registration got; see V38__roster_registration.sql. */
@Entity
@Table(name = "roster_job")
public class RosterJob extends LeasedJob {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    public enum Format { CSV, JSON }

    @Column(name = "enterprise_id", nullable = false)
    public Long enterpriseId;

    @Column(name = "union_org_id", nullable = false)
    public Long unionOrgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Column(name = "body_sha256", nullable = false)
    public String bodySha256;

    @Column(name = "viewer_admin", nullable = false)
    public boolean viewerAdmin;

    @Column(name = "viewer_officer", nullable = false)
    public boolean viewerOfficer;

    @Column(name = "viewer_subject")
    public String viewerSubject;

    @Column(name = "viewer_org_path")
    public String viewerOrgPath;

    @Column(name = "rows_total", nullable = false)
    public int rowsTotal;

    @Column(name = "rows_done", nullable = false)
    public int rowsDone;

    @Column(nullable = false)
    public int registered;

    @Column(nullable = false)
    public int rejected;

    @Column(name = "lease_owner")
    public UUID leaseOwner;

    public String error;

    /** A new QUEUED job; its body's hash is the job's id until the whole body is read (unique per union). */
    static RosterJob queued(UUID id, long enterpriseId, long unionOrgId, Format format, String submittedBy,
                            MemberAccess.Viewer viewer, OffsetDateTime now) {
        RosterJob job = new RosterJob();
        job.open(id, submittedBy, now);
        job.enterpriseId = enterpriseId;
        job.unionOrgId = unionOrgId;
        job.status = Status.QUEUED;
        job.format = format;
        job.bodySha256 = id.toString();
        job.viewerAdmin = viewer.admin();
        job.viewerOfficer = viewer.officer();
        job.viewerSubject = viewer.subject();
        job.viewerOrgPath = viewer.orgPath();
        return job;
    }

    /** The runner holding the lease finished the job, with {@code error} if it failed. */
    void finish(String error, OffsetDateTime now) {
        status = error == null ? Status.COMPLETED : Status.FAILED;
        this.error = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        leaseOwner = null;
        finished(now);
    }

    /** The submitter as the reject report sees members: an existing member's id only to whom may see that member. */
    MemberAccess.Viewer viewer() {
        return new MemberAccess.Viewer(viewerAdmin, viewerOfficer, viewerSubject, viewerOrgPath);
    }
}
