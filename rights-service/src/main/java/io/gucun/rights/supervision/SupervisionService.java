package io.gucun.rights.supervision;

import io.gucun.common.api.TextValues;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.events.rights.CaseEvents;
import io.gucun.events.rights.CaseState;
import io.gucun.events.rights.NoticeKind;
import io.gucun.rights.deadline.DeadlineStep;
import io.gucun.rights.deadline.Deadlines;
import io.gucun.rights.rightscase.CaseAccess;
import io.gucun.rights.rightscase.CaseService;
import io.gucun.rights.rightscase.RightsCase;
import io.gucun.rights.track.Track;
import io.gucun.rights.track.TrackService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Legal supervision: issuing the two letters and recording the enterprise's responses. */
@ApplicationScoped
public class SupervisionService {

    @Inject
    CaseService cases;

    @Inject
    CaseAccess access;

    @Inject
    Deadlines deadlines;

    @Inject
    Outbox outbox;

    @Inject
    TrackService tracks;

    @Transactional
    public SupervisionNotice issue(long caseId, SupervisionDtos.NewNotice r) {
        RightsCase c = cases.visibleForUpdate(caseId);
        access.requireCoordinator(c);
        if (c.state != CaseState.ACCEPTED && c.state != CaseState.IN_PROGRESS) {
            throw new ApiException(409, "case-not-in-progress", "Conflict", "letters are issued for a case taken over and "
                    + "not yet resolved; this case is " + c.state, null, Map.of("currentState", c.state.name()));
        }
        LocalDate today = deadlines.today();
        LocalDate issuedOn = r.issuedOn() == null || r.issuedOn().isBlank() ? today : TextValues.date("issuedOn", r.issuedOn());
        SupervisionNotice rectification = find(caseId, NoticeKind.RECTIFICATION);
        SupervisionRules.checkIssue(r.kind(), rectification, find(caseId, r.kind()), issuedOn,
                deadlines.dayOf(c.reportedAt), today);
        cases.startIfAccepted(c, "legal supervision: " + r.kind() + " letter issued");
        tracks.open(c.id, Track.LEGAL_SUPERVISION);
        SupervisionNotice n = new SupervisionNotice();
        n.caseId = c.id;
        n.kind = r.kind();
        n.enterpriseId = c.enterpriseId;
        n.enterpriseCreditCode = c.enterpriseCreditCode;
        n.issuingOrgId = c.coordinatorOrgId;
        n.addressedTo = r.addressedTo() != null && !r.addressedTo().isBlank() ? r.addressedTo().trim()
                : r.kind() == NoticeKind.RECTIFICATION ? c.enterpriseName : "the competent labour authority";
        n.content = r.content().trim();
        n.issuedOn = issuedOn;
        n.issuedAt = deadlines.now();
        n.issuedBy = access.username();
        n.responseDueOn = deadlines.due(DeadlineStep.responseTo(r.kind()), issuedOn);
        n.persistAndFlush();
        outbox.record(CaseEvents.AGGREGATE, c.id, "SupervisionNoticeIssued", new CaseEvents.SupervisionNoticeIssued(
                n.id, c.id, n.kind, n.enterpriseId, n.enterpriseCreditCode, n.issuingOrgId, n.issuedOn, n.responseDueOn));
        return n;
    }

    @Transactional
    public SupervisionNotice respond(long caseId, long noticeId, SupervisionDtos.NewResponse r) {
        RightsCase c = cases.visibleForUpdate(caseId);
        access.requireCoordinator(c);
        SupervisionNotice n = SupervisionNotice.findById(noticeId, LockModeType.PESSIMISTIC_WRITE);
        if (n == null || !n.caseId.equals(c.id)) {
            throw ApiException.notFound("supervision notice", noticeId);
        }
        LocalDate today = deadlines.today();
        LocalDate respondedOn = r.respondedOn() == null || r.respondedOn().isBlank() ? today : TextValues.date("respondedOn", r.respondedOn());
        SupervisionRules.checkResponse(n, respondedOn, today);
        n.respondedOn = respondedOn;
        n.responseOutcome = r.outcome();
        n.responseNote = r.note() == null || r.note().isBlank() ? null : r.note().trim();
        n.responseRecordedBy = access.username();
        return n;
    }

    public List<SupervisionNotice> ofCase(long caseId) {
        RightsCase c = cases.visible(caseId);
        return SupervisionNotice.list("caseId = ?1 order by id", c.id);
    }

    static SupervisionNotice find(long caseId, NoticeKind kind) {
        return SupervisionNotice.find("caseId = ?1 and kind = ?2", caseId, kind).firstResult();
    }

    public LocalDate today() {
        return deadlines.today();
    }
}
