package io.gucun.rights.track;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The entities of the four tracks and of referrals. */
public final class TrackRecords {

    private TrackRecords() {
    }

    @Embeddable
    public record CaseTrackId(@Column(name = "case_id") Long caseId,
                              @Enumerated(EnumType.STRING) @Column(name = "track") Track track) implements Serializable {
    }

    /** A track opened on a case. */
    @Entity
    @Table(name = "case_track")
    public static class CaseTrack extends PanacheEntityBase {
        @EmbeddedId
        public CaseTrackId id;

        @Column(name = "opened_at", nullable = false)
        public OffsetDateTime openedAt;

        @Column(name = "opened_by", nullable = false)
        public String openedBy;
    }

    @Entity
    @Table(name = "lawyer_assignment")
    public static class LawyerAssignment extends PanacheEntityBase {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(name = "case_id", nullable = false)
        public Long caseId;

        @Column(name = "lawyer_username", nullable = false)
        public String lawyerUsername;

        @Column(name = "lawyer_name", nullable = false)
        public String lawyerName;

        @Column(name = "assigned_at", nullable = false)
        public OffsetDateTime assignedAt;

        @Column(name = "assigned_by", nullable = false)
        public String assignedBy;
    }

    public enum RoundOutcome { AGREED, NOT_AGREED, ADJOURNED }

    @Entity
    @Table(name = "bargaining_round")
    public static class BargainingRound extends PanacheEntityBase {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(name = "case_id", nullable = false)
        public Long caseId;

        @Column(name = "round_no", nullable = false)
        public int roundNo;

        @Column(name = "held_on", nullable = false)
        public LocalDate heldOn;

        @Column(nullable = false)
        public String summary;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public RoundOutcome outcome;

        @Column(name = "recorded_at", nullable = false)
        public OffsetDateTime recordedAt;

        @Column(name = "recorded_by", nullable = false)
        public String recordedBy;
    }

    @Entity
    @Table(name = "collective_contract")
    public static class CollectiveContract extends PanacheEntityBase {
        @Id
        @Column(name = "case_id")
        public Long caseId;

        @Column(name = "filed_on", nullable = false)
        public LocalDate filedOn;

        @Column(name = "filed_with", nullable = false)
        public String filedWith;

        @Column(nullable = false)
        public String reference;

        @Column(name = "recorded_at", nullable = false)
        public OffsetDateTime recordedAt;

        @Column(name = "recorded_by", nullable = false)
        public String recordedBy;
    }

    @Entity
    @Table(name = "congress_item")
    public static class CongressItem extends PanacheEntityBase {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(name = "case_id", nullable = false)
        public Long caseId;

        @Column(nullable = false)
        public String title;

        @Column(name = "congress_on", nullable = false)
        public LocalDate congressOn;

        public String resolution;

        public Boolean adopted;

        @Column(name = "recorded_at", nullable = false)
        public OffsetDateTime recordedAt;

        @Column(name = "recorded_by", nullable = false)
        public String recordedBy;
    }

    public enum ReferralKind { TRIPARTITE_COORDINATION, MEDIATION, LABOUR_ARBITRATION, COURT }

    public enum ReferralOutcome { SETTLED, AWARDED, REJECTED, WITHDRAWN }

    @Entity
    @Table(name = "referral")
    public static class Referral extends PanacheEntityBase {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        @Column(name = "case_id", nullable = false)
        public Long caseId;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public ReferralKind kind;

        @Column(nullable = false)
        public String body;

        @Column(name = "referred_on", nullable = false)
        public LocalDate referredOn;

        @Column(name = "referred_by", nullable = false)
        public String referredBy;

        @Enumerated(EnumType.STRING)
        public ReferralOutcome outcome;

        @Column(name = "outcome_on")
        public LocalDate outcomeOn;

        @Column(name = "outcome_note")
        public String outcomeNote;

        @Column(name = "amount_recovered_fen", nullable = false)
        public long amountRecoveredFen;

        @Version
        public long version;
    }
}
