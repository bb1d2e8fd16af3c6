package io.gucun.rights.rightscase;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A change of the org responsible for a case: ASSIGNED at intake, TAKEN_OVER, ESCALATED. */
@Entity
@Table(name = "case_responsibility")
public class ResponsibilityChange extends PanacheEntityBase {

    public static final String ASSIGNED = "ASSIGNED";
    public static final String TAKEN_OVER = "TAKEN_OVER";
    public static final String ESCALATED = "ESCALATED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "from_org_id")
    public Long fromOrgId;

    @Column(name = "to_org_id", nullable = false)
    public Long toOrgId;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(name = "by_user", nullable = false)
    public String byUser;

    public String reason;
}
