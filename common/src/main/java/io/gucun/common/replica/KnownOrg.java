package io.gucun.common.replica;

import io.gucun.events.membership.AreaType;
import io.gucun.events.membership.OrgKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A service's own copy of an org of membership's union tree, built from its org events (membership.org.v1), never
 * from its API or tables. One table, {@code known_org}, shipped by common (db/org-replica).
 */
@Entity
@Table(name = "known_org")
public class KnownOrg extends PanacheEntityBase {

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

    /** What a joint area union gathers (park, building, ...); null for other kinds. */
    @Enumerated(EnumType.STRING)
    @Column(name = "area_type")
    public AreaType areaType;

    /** When membership closed the org (OrgClosed); a closed org takes no new children, members or cases. */
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    public boolean isClosed() {
        return closedAt != null;
    }

    public boolean isJointUnion() {
        return kind == OrgKind.JOINT_AREA || kind == OrgKind.JOINT_INDUSTRY;
    }
}
