package io.gucun.rights.rightscase;

import io.gucun.events.rights.CaseState;
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

/** One state change of a case: who, when, from, to, why. */
@Entity
@Table(name = "case_transition")
public class CaseTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public CaseState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    public CaseState toState;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(name = "by_user", nullable = false)
    public String byUser;

    public String note;
}
