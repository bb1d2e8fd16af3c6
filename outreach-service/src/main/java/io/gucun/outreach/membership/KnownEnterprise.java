package io.gucun.outreach.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.hibernate.annotations.ColumnTransformer;

/** An enterprise as membership-service announced it (EnterpriseRegistered, UnionFounded). */
@Entity
@Table(name = "known_enterprise")
public class KnownEnterprise extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "credit_code", nullable = false, unique = true)
    public String creditCode;

    @Column(nullable = false)
    public String name;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(name = "org_path", nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String orgPath;

    @Column(name = "employee_count")
    public Integer employeeCount;

    @Column(name = "established_on")
    public LocalDate establishedOn;

    @Column(name = "grid_code")
    public String gridCode;

    @Column(name = "union_org_id")
    public Long unionOrgId;

    @Column(name = "union_founded_at")
    public OffsetDateTime unionFoundedAt;

    public boolean hasUnion() {
        return unionFoundedAt != null;
    }

    public static Optional<KnownEnterprise> byCreditCode(String creditCode) {
        return find("creditCode", creditCode).firstResultOptional();
    }
}
