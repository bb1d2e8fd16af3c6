package io.gucun.membership.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An enterprise, known by its Unified Social Credit Code, sitting under an org of the union tree. */
@Entity
@Table(name = "enterprise")
public class Enterprise extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** GB 32100 code, 18 characters, stored upper case. */
    @Column(name = "credit_code", nullable = false, length = 18)
    public String creditCode;

    @Column(nullable = false)
    public String name;

    public String address;

    @Column(name = "grid_code")
    public String gridCode;

    @Column(name = "employee_count", nullable = false)
    public int employeeCount;

    @Column(name = "established_on")
    public LocalDate establishedOn;

    /** The org it sits under: a town/street federation, a joint union, ... */
    @Column(name = "org_id", nullable = false)
    public Long orgId;

    /** Its own enterprise union (kind ENTERPRISE), once founded. */
    @Column(name = "union_org_id")
    public Long unionOrgId;

    @Column(name = "union_founded_at")
    public OffsetDateTime unionFoundedAt;

    /** The day the enterprise closed down; null while it operates. */
    @Column(name = "closed_on")
    public LocalDate closedOn;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closure_note")
    public String closureNote;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Version
    public int version;

    public static Enterprise findByCreditCode(String normalizedCode) {
        return find("creditCode", normalizedCode).firstResult();
    }

    public static Enterprise findForUpdate(long id) {
        return getEntityManager().find(Enterprise.class, id, LockModeType.PESSIMISTIC_WRITE);
    }
}
