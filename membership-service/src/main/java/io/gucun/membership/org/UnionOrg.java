package io.gucun.membership.org;

import io.gucun.events.membership.AreaType;
import io.gucun.events.membership.OrgKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A node of the union organization tree; {@code path} is its materialized path (ltree) of ids from the root. */
@Entity
@Table(name = "union_org")
public class UnionOrg extends PanacheEntityBase {

    public enum Status { ACTIVE, CLOSED }

    /** Taken from the sequence before insert ({@link #nextId()}), because the path contains it. */
    @Id
    public Long id;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String path;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrgKind kind;

    @Column(name = "region_code")
    public String regionCode;

    /** Only for {@link OrgKind#JOINT_AREA}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "area_type")
    public AreaType areaType;

    /** Only for {@link OrgKind#JOINT_INDUSTRY}: the industry whose workers it gathers. */
    @Column(name = "industry")
    public String industry;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Version
    public int version;

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /**
     * Reads the org and takes a share lock on its row until the transaction ends: a concurrent move or close
     * of it waits, so a child is never created under a stale path or under an org being closed.
     */
    public static UnionOrg findForChildren(long id) {
        return getEntityManager().find(UnionOrg.class, id, LockModeType.PESSIMISTIC_READ);
    }

    /** Reads the org with an exclusive row lock, for changes to the org itself. */
    public static UnionOrg findForUpdate(long id) {
        return getEntityManager().find(UnionOrg.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static long nextId() {
        return ((Number) getEntityManager().createNativeQuery("select nextval('union_org_id_seq')").getSingleResult()).longValue();
    }
}
