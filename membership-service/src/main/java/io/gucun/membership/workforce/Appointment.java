package io.gucun.membership.workforce;

import io.gucun.events.membership.UnionPost;
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

/** One union worker's term in one post of one org (see {@link WorkforceRules}). Never deleted; an early end is recorded. */
@Entity
@Table(name = "union_worker_appointment")
public class Appointment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "org_id", nullable = false)
    public Long orgId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UnionPost post;

    @Column(nullable = false)
    public String name;

    /** Keycloak username that acts for the worker. */
    public String login;

    /** Keycloak subject (user id) of that login, when known. */
    public String subject;

    @Column(name = "member_id")
    public Long memberId;

    @Column(name = "term_from", nullable = false)
    public LocalDate termFrom;

    /** Planned last day; null when open-ended. */
    @Column(name = "term_to")
    public LocalDate termTo;

    public String reason;

    /** Last day served when the term ended early. */
    @Column(name = "ended_on")
    public LocalDate endedOn;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "appointed_at", nullable = false)
    public OffsetDateTime appointedAt;

    @Column(name = "appointed_by", nullable = false)
    public String appointedBy;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "ended_by")
    public String endedBy;

    WorkforceRules.Term term() {
        return WorkforceRules.effective(termFrom, termTo, endedOn);
    }

    WorkforceRules.Held held() {
        return new WorkforceRules.Held(id, orgId, post, login, memberId, term());
    }
}
