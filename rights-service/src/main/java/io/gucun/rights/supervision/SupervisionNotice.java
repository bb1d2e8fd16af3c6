package io.gucun.rights.supervision;

import io.gucun.events.rights.NoticeKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One legal-supervision letter sent to the enterprise of a case, and the enterprise's recorded response. */
@Entity
@Table(name = "supervision_notice")
public class SupervisionNotice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NoticeKind kind;

    @Column(name = "enterprise_id", nullable = false)
    public Long enterpriseId;

    @Column(name = "enterprise_credit_code", nullable = false)
    public String enterpriseCreditCode;

    @Column(name = "issuing_org_id", nullable = false)
    public Long issuingOrgId;

    @Column(name = "addressed_to", nullable = false)
    public String addressedTo;

    @Column(nullable = false)
    public String content;

    @Column(name = "issued_on", nullable = false)
    public LocalDate issuedOn;

    @Column(name = "issued_at", nullable = false)
    public OffsetDateTime issuedAt;

    @Column(name = "issued_by", nullable = false)
    public String issuedBy;

    @Column(name = "response_due_on", nullable = false)
    public LocalDate responseDueOn;

    @Column(name = "responded_on")
    public LocalDate respondedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_outcome")
    public ResponseOutcome responseOutcome;

    @Column(name = "response_note")
    public String responseNote;

    @Column(name = "response_recorded_by")
    public String responseRecordedBy;

    /** Not put right by the deadline: no response by then, or a refusal. */
    public boolean ignoredAsOf(LocalDate day) {
        return SupervisionRules.ignored(responseOutcome, respondedOn, responseDueOn, day);
    }
}
