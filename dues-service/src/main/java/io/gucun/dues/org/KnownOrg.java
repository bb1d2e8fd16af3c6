package io.gucun.dues.org;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** dues-service's own copy of the union tree, built from membership's org events (no reads of another service's tables). */
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
}
