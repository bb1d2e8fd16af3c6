package io.gucun.outreach.membership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** A member admitted to an org (MemberJoined); no personal data, only ids and the org. */
@Entity
@Table(name = "joined_member")
public class JoinedMember extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public Long memberId;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Column(name = "org_path", nullable = false, columnDefinition = "ltree")
    @ColumnTransformer(write = "?::ltree")
    public String orgPath;

    @Column(name = "joined_at", nullable = false)
    public OffsetDateTime joinedAt;

    @Column(nullable = false)
    public String via;

    @Column(name = "left_at")
    public OffsetDateTime leftAt;
}
