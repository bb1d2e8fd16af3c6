package io.gucun.membership.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A dated join policy of one org (see {@link JoinPolicyTerms} for which one is in force). Rows are never changed, only added. */
@Entity
@Table(name = "join_policy")
public class JoinPolicy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(name = "auto_approve", nullable = false)
    public boolean autoApprove;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public JoinPolicyTerms terms() {
        return new JoinPolicyTerms(id, autoApprove, validFrom, validTo);
    }

    public static List<JoinPolicy> ofOrg(long orgId) {
        return list("orgId = ?1 order by validFrom, id", orgId);
    }
}
