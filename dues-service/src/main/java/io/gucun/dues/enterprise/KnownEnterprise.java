package io.gucun.dues.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** dues-service's copy of an enterprise registered in membership-service, and whether it has founded its union. */
@Entity
@Table(name = "known_enterprise")
public class KnownEnterprise extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "credit_code", nullable = false)
    public String creditCode;

    @Column(nullable = false)
    public String name;

    /** The org the enterprise is registered under (a town/street federation, a joint union, ...). */
    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(name = "employee_count")
    public Integer employeeCount;

    /** The enterprise's own union (an ENTERPRISE-kind org), once founded. */
    @Column(name = "union_org_id")
    public Long unionOrgId;

    @Column(name = "union_founded_at")
    public OffsetDateTime unionFoundedAt;
}
