package io.gucun.outreach.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import org.hibernate.annotations.ColumnTransformer;

/** outreach-service's own copy of the union tree, built from membership's org events. */
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

    @Column(nullable = false)
    public String kind;

    @Column(name = "area_type")
    public String areaType;

    @Column(nullable = false)
    public boolean closed;

    public boolean isJointUnion() {
        return "JOINT_AREA".equals(kind) || "JOINT_INDUSTRY".equals(kind);
    }

    /**
     * The union a worker signing up at a site joins by default: the nearest joint union at or above the site's org
     * (the "reservoir" for workers whose employer has none), else the site's org itself.
     */
    public static Optional<KnownOrg> defaultUnionFor(String sitePath) {
        @SuppressWarnings("unchecked")
        java.util.List<KnownOrg> found = getEntityManager().createNativeQuery(
                        "select * from known_org where kind in ('JOINT_AREA', 'JOINT_INDUSTRY') and not closed"
                                + " and path @> cast(?1 as ltree) order by nlevel(path) desc limit 1", KnownOrg.class)
                .setParameter(1, sitePath).getResultList();
        return found.stream().findFirst();
    }
}
