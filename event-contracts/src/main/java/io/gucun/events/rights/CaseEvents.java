package io.gucun.events.rights;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Events of aggregate {@code case} (topic {@code rights.case.v1}, key = case id). No personal data: see EVENTS.md. */
public final class CaseEvents {

    public static final String AGGREGATE = "case";

    private CaseEvents() {
    }

    /** Event SupervisionNoticeIssued (topic rights.case.v1, key = case id). */
    public record SupervisionNoticeIssued(long noticeId, long caseId, NoticeKind kind, long enterpriseId, String enterpriseCreditCode,
                                          long issuingOrgId, LocalDate issuedOn, LocalDate responseDueOn) {
    }

    public record CaseReported(long caseId, CaseCategory category, boolean groupCase, int workersAffected,
                               ReporterKind reporterKind, long reportingOrgId, long coordinatorOrgId, String coordinatorOrgPath,
                               String enterpriseCreditCode, OffsetDateTime reportedAt, LocalDate takeoverDueOn) {
    }

    public record CaseTakenOver(long caseId, long coordinatorOrgId, String coordinatorOrgPath, OffsetDateTime takenOverAt,
                                LocalDate takeoverDueOn, boolean withinDeadline) {
    }

    /** Without the officer's free-text reason, which may name people: it stays in the case history. */
    public record CaseEscalated(long caseId, long fromOrgId, long toOrgId, String toOrgPath, OffsetDateTime escalatedAt) {
    }

    public record CaseClosed(long caseId, CaseState finalState, CaseCategory category, long coordinatorOrgId,
                             String enterpriseCreditCode, long amountRecoveredFen, OffsetDateTime closedAt) {
    }
}
