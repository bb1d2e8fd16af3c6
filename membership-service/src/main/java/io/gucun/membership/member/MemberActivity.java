package io.gucun.membership.member;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Something that keeps a membership alive, recorded by an officer. */
@Entity
@Table(name = "member_activity")
public class MemberActivity extends PanacheEntityBase {

    public enum Kind {
        /** Paid union dues (会费). */
        DUES_PAID,
        /** Took part in union life: a meeting, an activity, a vote. */
        UNION_LIFE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    @Column(name = "active_on", nullable = false)
    public LocalDate activeOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    public String note;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
