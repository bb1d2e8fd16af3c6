package io.gucun.rights.blacklist;

import io.gucun.events.rights.BlacklistReason;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A listing of an enterprise on the blacklist; delisting stamps it and keeps it. */
@Entity
@Table(name = "blacklist_entry")
public class BlacklistEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "enterprise_id", nullable = false)
    public Long enterpriseId;

    @Column(name = "credit_code", nullable = false)
    public String creditCode;

    @Column(name = "enterprise_name", nullable = false)
    public String enterpriseName;

    @Column(name = "enterprise_org_path", nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String enterpriseOrgPath;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BlacklistReason reason;

    @Column(nullable = false)
    public String evidence;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Column(name = "notice_id")
    public Long noticeId;

    @Column(name = "listed_at", nullable = false)
    public OffsetDateTime listedAt;

    @Column(name = "listed_by", nullable = false)
    public String listedBy;

    @Column(name = "delisted_at")
    public OffsetDateTime delistedAt;

    @Column(name = "delisted_by")
    public String delistedBy;

    @Column(name = "delisting_reason")
    public String delistingReason;

    public boolean isActive() {
        return delistedAt == null;
    }

    public static BlacklistEntry activeFor(long enterpriseId) {
        return find("enterpriseId = ?1 and delistedAt is null", enterpriseId).firstResult();
    }
}
