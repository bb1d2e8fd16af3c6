package io.gucun.rights.rightscase;

import io.gucun.events.rights.CaseCategory;
import io.gucun.events.rights.CaseState;
import io.gucun.events.rights.ReporterKind;
import io.gucun.rights.deadline.DeadlineStep;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rights case (维权案件) and who is responsible for it now. */
@Entity
@Table(name = "rights_case")
public class RightsCase extends PanacheEntityBase {

    /** A party to the case: the affected workers, the employer, a union. */
    public record Party(String role, String name, String note) {
    }

    /** Metadata of a document the reporter holds (no file is stored here). */
    public record Attachment(String name, String mediaType, long sizeBytes, String sha256) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseCategory category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseState state;

    @Column(nullable = false)
    public String summary;

    @Enumerated(EnumType.STRING)
    @Column(name = "reporter_kind", nullable = false)
    public ReporterKind reporterKind;

    /** The reporter's token subject: how "my cases" are found. Never sent in events or letters. */
    @Column(name = "reporter_subject", nullable = false)
    public String reporterSubject;

    @Column(name = "reporter_anonymous", nullable = false)
    public boolean reporterAnonymous;

    @Column(name = "reporting_org_id", nullable = false)
    public Long reportingOrgId;

    @Column(name = "reporting_org_path", nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String reportingOrgPath;

    @Column(name = "coordinator_org_id", nullable = false)
    public Long coordinatorOrgId;

    @Column(name = "coordinator_org_path", nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String coordinatorOrgPath;

    @Column(name = "enterprise_id", nullable = false)
    public Long enterpriseId;

    @Column(name = "enterprise_credit_code", nullable = false)
    public String enterpriseCreditCode;

    @Column(name = "enterprise_name", nullable = false)
    public String enterpriseName;

    @Column(name = "workers_affected", nullable = false)
    public int workersAffected;

    @Column(name = "group_case", nullable = false)
    public boolean groupCase;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Party> parties = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Attachment> attachments = new ArrayList<>();

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "takeover_due_on", nullable = false)
    public LocalDate takeoverDueOn;

    /** Deadline of the step running now ({@link #currentStep}); null when none runs. */
    @Column(name = "due_on")
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "current_step")
    public DeadlineStep currentStep;

    @Column(name = "taken_over_at")
    public OffsetDateTime takenOverAt;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    /** When it became CLOSED or WITHDRAWN. */
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    public String resolution;

    @Column(name = "amount_recovered_fen", nullable = false)
    public long amountRecoveredFen;

    /** The volunteer lawyer assigned under legal aid (their user name); they see this case, and no case they are not assigned to. */
    @Column(name = "lawyer_username")
    public String lawyerUsername;

    @Column(name = "lawyer_name")
    public String lawyerName;

    @Version
    public long version;

    public boolean isOverdueOn(LocalDate today) {
        return state.isOpen() && dueOn != null && dueOn.isBefore(today);
    }
}
