package io.gucun.membership.org;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Version
    public int version;

    public static long nextId() {
        return ((Number) getEntityManager().createNativeQuery("select nextval('union_org_id_seq')").getSingleResult()).longValue();
    }
}
