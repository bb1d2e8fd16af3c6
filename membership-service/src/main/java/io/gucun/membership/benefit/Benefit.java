package io.gucun.membership.benefit;

import io.gucun.events.membership.BenefitKind;
import io.gucun.events.membership.EmploymentForm;
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
import java.util.Arrays;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A benefit offered by an org to the members of its subtree. */
@Entity
@Table(name = "benefit")
public class Benefit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BenefitKind kind;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "merchant_name")
    public String merchantName;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "eligible_member_ids", nullable = false)
    public Long[] eligibleMemberIds = new Long[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "eligible_employment_forms", nullable = false)
    public String[] eligibleEmploymentForms = new String[0];

    /** How many times one member may use it; null: no limit. */
    @Column(name = "max_per_member")
    public Integer maxPerMember;

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawal_reason")
    public String withdrawalReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public List<Long> memberIds() {
        return Arrays.asList(eligibleMemberIds);
    }

    public List<EmploymentForm> employmentForms() {
        return Arrays.stream(eligibleEmploymentForms).map(EmploymentForm::valueOf).toList();
    }

    public boolean eligible(long memberId, EmploymentForm form) {
        return BenefitRules.eligible(kind, memberIds(), employmentForms(), memberId, form);
    }
}
