package io.gucun.rights.blacklist;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of the partners' feed: an entry LISTED or DELISTED, numbered in commit order. */
@Entity
@Table(name = "blacklist_change")
public class BlacklistChange extends PanacheEntityBase {

    public static final String LISTED = "LISTED";
    public static final String DELISTED = "DELISTED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "entry_id", nullable = false)
    public Long entryId;

    @Column(nullable = false)
    public String change;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
