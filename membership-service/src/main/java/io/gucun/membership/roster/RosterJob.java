package io.gucun.membership.roster;

import io.gucun.membership.member.MemberAccess;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One posted roster and how far its registration got; see V38__roster_registration.sql. */
@Entity
@Table(name = "roster_job")
public class RosterJob extends PanacheEntityBase {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    public enum Format { CSV, JSON }

    @Id
    public UUID id;

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

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

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

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    public String error;

    /** The submitter as the reject report sees members: an existing member's id only to whom may see that member. */
    MemberAccess.Viewer viewer() {
        return new MemberAccess.Viewer(viewerAdmin, viewerOfficer, viewerSubject, viewerOrgPath);
    }
}
