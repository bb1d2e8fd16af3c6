package io.gucun.rights.track;

import io.gucun.common.api.TextValues;
import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.rights.deadline.Deadlines;
import io.gucun.rights.rightscase.CaseAccess;
import io.gucun.rights.rightscase.CaseService;
import io.gucun.events.rights.CaseState;
import io.gucun.rights.rightscase.RightsCase;
import io.gucun.rights.track.TrackRecords.BargainingRound;
import io.gucun.rights.track.TrackRecords.CaseTrack;
import io.gucun.rights.track.TrackRecords.CaseTrackId;
import io.gucun.rights.track.TrackRecords.CollectiveContract;
import io.gucun.rights.track.TrackRecords.CongressItem;
import io.gucun.rights.track.TrackRecords.LawyerAssignment;
import io.gucun.rights.track.TrackRecords.Referral;
import io.gucun.rights.track.TrackRecords.RoundOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/** The four tracks (legal aid, legal supervision, collective bargaining, democratic management) and referrals. */
@ApplicationScoped
public class TrackService {

    @Inject
    CaseService cases;

    @Inject
    CaseAccess access;

    @Inject
    Deadlines deadlines;

    /** Locks the case, checks the caller coordinates it and that it is being worked on; starts an ACCEPTED case. */
    private RightsCase working(long caseId, Track track, String what) {
        RightsCase c = cases.visibleForUpdate(caseId);
        access.requireCoordinator(c);
        if (c.state != CaseState.ACCEPTED && c.state != CaseState.IN_PROGRESS) {
            throw new ApiException(409, "case-not-in-progress", "Conflict", "tracks are worked on a case taken over and not yet "
                    + "resolved; this case is " + c.state, null, Map.of("currentState", c.state.name()));
        }
        cases.startIfAccepted(c, what);
        if (track != null) {
            open(c.id, track);
        }
        return c;
    }

    /** Records that {@code track} is open on the case (first time only). */
    public void open(long caseId, Track track) {
        CaseTrackId id = new CaseTrackId(caseId, track);
        if (CaseTrack.findById(id) == null) {
            CaseTrack t = new CaseTrack();
            t.id = id;
            t.openedAt = deadlines.now();
            t.openedBy = access.username();
            t.persist();
        }
    }

    private LocalDate day(String field, String raw) {
        LocalDate today = deadlines.today();
        LocalDate d = raw == null || raw.isBlank() ? today : TextValues.date(field, raw);
        if (d.isAfter(today)) {
            throw ApiException.invalid(field, "must not be in the future");
        }
        return d;
    }

    @Transactional
    public RightsCase assignLawyer(long caseId, TrackDtos.AssignLawyer r) {
        RightsCase c = working(caseId, Track.LEGAL_AID, "legal aid: volunteer lawyer assigned");
        LawyerAssignment a = new LawyerAssignment();
        a.caseId = c.id;
        a.lawyerUsername = r.lawyerUsername().trim();
        a.lawyerName = r.lawyerName().trim();
        a.assignedAt = deadlines.now();
        a.assignedBy = access.username();
        a.persist();
        c.lawyerUsername = a.lawyerUsername;
        c.lawyerName = a.lawyerName;
        return c;
    }

    @Transactional
    public BargainingRound addRound(long caseId, TrackDtos.NewRound r) {
        RightsCase c = working(caseId, Track.COLLECTIVE_BARGAINING, "collective bargaining: round held");
        long held = BargainingRound.count("caseId", c.id);
        BargainingRound b = new BargainingRound();
        b.caseId = c.id;
        b.roundNo = (int) held + 1;
        b.heldOn = day("heldOn", r.heldOn());
        b.summary = r.summary().trim();
        b.outcome = r.outcome();
        b.recordedAt = deadlines.now();
        b.recordedBy = access.username();
        b.persist();
        return b;
    }

    @Transactional
    public CollectiveContract fileContract(long caseId, TrackDtos.NewContract r) {
        RightsCase c = working(caseId, Track.COLLECTIVE_BARGAINING, "collective contract filed");
        if (CollectiveContract.findById(c.id) != null) {
            throw ApiException.conflict("contract-already-filed", "the collective contract of case " + c.id + " is filed already", null);
        }
        if (BargainingRound.count("caseId = ?1 and outcome = ?2", c.id, RoundOutcome.AGREED) == 0) {
            throw ApiException.unprocessable("no-agreement", "a collective contract is filed after a bargaining round ended AGREED");
        }
        CollectiveContract k = new CollectiveContract();
        k.caseId = c.id;
        k.filedOn = day("filedOn", r.filedOn());
        k.filedWith = r.filedWith().trim();
        k.reference = r.reference().trim();
        k.recordedAt = deadlines.now();
        k.recordedBy = access.username();
        k.persist();
        return k;
    }

    @Transactional
    public CongressItem addCongressItem(long caseId, TrackDtos.NewCongressItem r) {
        RightsCase c = working(caseId, Track.DEMOCRATIC_MANAGEMENT, "democratic management: item put to the workers' congress");
        CongressItem i = new CongressItem();
        i.caseId = c.id;
        i.title = r.title().trim();
        i.congressOn = day("congressOn", r.congressOn());
        i.resolution = r.resolution() == null || r.resolution().isBlank() ? null : r.resolution().trim();
        i.adopted = r.adopted();
        i.recordedAt = deadlines.now();
        i.recordedBy = access.username();
        i.persist();
        return i;
    }

    @Transactional
    public Referral refer(long caseId, TrackDtos.NewReferral r) {
        RightsCase c = working(caseId, null, "referred to " + r.kind());
        Referral f = new Referral();
        f.caseId = c.id;
        f.kind = r.kind();
        f.body = r.body().trim();
        f.referredOn = day("referredOn", r.referredOn());
        f.referredBy = access.username();
        f.persist();
        return f;
    }

    /** Records a referral's outcome once; the amount recovered adds to the case's total. */
    @Transactional
    public Referral recordOutcome(long caseId, long referralId, TrackDtos.NewOutcome r) {
        RightsCase c = cases.visibleForUpdate(caseId);
        access.requireCoordinator(c);
        Referral f = Referral.findById(referralId, LockModeType.PESSIMISTIC_WRITE);
        if (f == null || !f.caseId.equals(c.id)) {
            throw ApiException.notFound("referral", referralId);
        }
        if (f.outcome != null) {
            throw ApiException.conflict("outcome-already-recorded", "referral " + f.id + " ended " + f.outcome + " on " + f.outcomeOn, null);
        }
        long fen = Money.parseOptionalNonNegative("amountRecovered", r.amountRecovered());
        LocalDate on = day("outcomeOn", r.outcomeOn());
        if (on.isBefore(f.referredOn)) {
            throw ApiException.invalid("outcomeOn", "must not be before the referral (" + f.referredOn + ")");
        }
        f.outcome = r.outcome();
        f.outcomeOn = on;
        f.outcomeNote = r.note() == null || r.note().isBlank() ? null : r.note().trim();
        f.amountRecoveredFen = fen;
        c.amountRecoveredFen += fen;
        return f;
    }

    public TrackDtos.TracksView tracks(long caseId) {
        RightsCase c = cases.visible(caseId);
        CollectiveContract k = CollectiveContract.findById(c.id);
        return new TrackDtos.TracksView(c.id,
                CaseTrack.<CaseTrack>list("id.caseId = ?1 order by openedAt", c.id).stream().map(t -> t.id.track()).toList(),
                LawyerAssignment.<LawyerAssignment>list("caseId = ?1 order by id", c.id).stream()
                        .map(a -> new TrackDtos.LawyerView(a.lawyerUsername, a.lawyerName, a.assignedAt, a.assignedBy)).toList(),
                BargainingRound.<BargainingRound>list("caseId = ?1 order by roundNo", c.id).stream()
                        .map(b -> new TrackDtos.RoundView(b.id, b.roundNo, b.heldOn, b.summary, b.outcome, b.recordedBy)).toList(),
                k == null ? null : new TrackDtos.ContractView(k.filedOn, k.filedWith, k.reference, k.recordedBy),
                CongressItem.<CongressItem>list("caseId = ?1 order by id", c.id).stream()
                        .map(i -> new TrackDtos.CongressItemView(i.id, i.title, i.congressOn, i.resolution, i.adopted, i.recordedBy)).toList(),
                Referral.<Referral>list("caseId = ?1 order by id", c.id).stream().map(TrackService::view).toList(),
                Money.format(c.amountRecoveredFen), Money.CURRENCY);
    }

    static TrackDtos.ReferralView view(Referral f) {
        return new TrackDtos.ReferralView(f.id, f.kind, f.body, f.referredOn, f.referredBy, f.outcome, f.outcomeOn, f.outcomeNote,
                Money.format(f.amountRecoveredFen), Money.CURRENCY);
    }

    public OffsetDateTime now() {
        return deadlines.now();
    }
}
