package io.gucun.common.replica;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.hibernate.annotations.ColumnTransformer;

/** A service's copy of an enterprise registered in membership-service (membership.enterprise.v1), by credit code. */
@Entity
@Table(name = "known_enterprise")
public class KnownEnterprise extends PanacheEntityBase {

    @Id
    public Long id;

    /** Normalized (upper case, trimmed): the key partners and officers look enterprises up by. */
    @Column(name = "credit_code", nullable = false, unique = true)
    public String creditCode;

    @Column(nullable = false)
    public String name;

    /** The org the enterprise is registered under (a town/street federation, a joint union, ...). */
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

    /** The enterprise's own union (an ENTERPRISE-kind org), once founded. */
    @Column(name = "union_org_id")
    public Long unionOrgId;

    @Column(name = "union_founded_at")
    public OffsetDateTime unionFoundedAt;

    public boolean hasUnion() {
        return unionFoundedAt != null;
    }

    /** By normalized credit code. */
    public static Optional<KnownEnterprise> byCreditCode(String creditCode) {
        return find("creditCode", creditCode).firstResultOptional();
    }
}
