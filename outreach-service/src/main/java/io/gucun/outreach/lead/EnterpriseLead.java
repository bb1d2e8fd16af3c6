package io.gucun.outreach.lead;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** An enterprise whose workers came to an event and that has no union yet. */
@Entity
@Table(name = "enterprise_lead")
public class EnterpriseLead extends PanacheEntityBase {

    public static final String SOURCE_EVENT = "EVENT";
    public static final String SOURCE_SUSPENSE = "SUSPENSE";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "credit_code", nullable = false, unique = true)
    public String creditCode;

    @Column(name = "enterprise_id")
    public Long enterpriseId;

    public String name;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(name = "org_path", nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String orgPath;

    @Column(name = "grid_code")
    public String gridCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LeadStatus status;

    /** The event where its workers first came; null for a lead found by money held in suspense until they come. */
    @Column(name = "first_event_id")
    public Long firstEventId;

    /** How the lead was found: EVENT (workers at an event) or SUSPENSE (union funds from an unregistered firm). */
    @Column(nullable = false)
    public String source = SOURCE_EVENT;

    @Column(name = "workers_seen", nullable = false)
    public int workersSeen;

    @Column(name = "found_at", nullable = false)
    public OffsetDateTime foundAt;

    public String note;

    @Column(name = "followed_up_at")
    public OffsetDateTime followedUpAt;

    @Column(name = "followed_up_by")
    public String followedUpBy;

    @Column(name = "founded_at")
    public OffsetDateTime foundedAt;

    @Column(name = "union_org_id")
    public Long unionOrgId;

    /** The event credited with the founding: the one where the enterprise's workers first came. */
    @Column(name = "credited_event_id")
    public Long creditedEventId;

    @Version
    public int version;
}
