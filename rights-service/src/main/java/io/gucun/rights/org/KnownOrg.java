package io.gucun.rights.org;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** rights-service's own copy of the union tree, built from membership's org events (never from its API or tables). */
@Entity
@Table(name = "known_org")
public class KnownOrg extends PanacheEntityBase {

    /** The town/street federation kind as membership-service names it: the first coordinator of rights cases. */
    public static final String TOWN = "TOWN";
    public static final String ENTERPRISE = "ENTERPRISE";

    @Id
    public Long id;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String path;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    public boolean isClosed() {
        return closedAt != null;
    }
}
