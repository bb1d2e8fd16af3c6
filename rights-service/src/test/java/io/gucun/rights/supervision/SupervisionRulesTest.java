package io.gucun.rights.supervision;

import io.gucun.events.rights.NoticeKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The two letters: order, once each, dates, and when ignoring them puts the enterprise on the blacklist. */
class SupervisionRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final LocalDate REPORTED = LocalDate.of(2026, 11, 2);

    private static SupervisionNotice notice(NoticeKind kind, LocalDate issued, LocalDate due, ResponseOutcome outcome, LocalDate respondedOn) {
        SupervisionNotice n = new SupervisionNotice();
        n.id = kind == NoticeKind.RECTIFICATION ? 1L : 2L;
        n.kind = kind;
        n.issuedOn = issued;
        n.responseDueOn = due;
        n.responseOutcome = outcome;
        n.respondedOn = respondedOn;
        return n;
    }

    private static int status(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void theRectificationOpinionComesFirstAndEachLetterOnce() {
        SupervisionNotice rect = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY, null, null);
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.RECTIFICATION, null, null, TODAY, REPORTED, TODAY))).isZero();
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.HANDLING_PROPOSAL, null, null, TODAY, REPORTED, TODAY))).isEqualTo(422);
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.HANDLING_PROPOSAL, rect, null, TODAY, REPORTED, TODAY))).isZero();
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.RECTIFICATION, rect, rect, TODAY, REPORTED, TODAY))).isEqualTo(409);
        SupervisionNotice heeded = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY, ResponseOutcome.RECTIFIED, TODAY);
        assertThatThrownBy(() -> SupervisionRules.checkIssue(NoticeKind.HANDLING_PROPOSAL, heeded, null, TODAY, REPORTED, TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("already-rectified"));
    }

    @Test
    void issueDaysAreNeitherInTheFutureNorBeforeTheReportNorBeforeTheFirstLetter() {
        SupervisionNotice rect = notice(NoticeKind.RECTIFICATION, TODAY, TODAY.plusDays(20), null, null);
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.RECTIFICATION, null, null, TODAY.plusDays(1), REPORTED, TODAY))).isEqualTo(400);
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.RECTIFICATION, null, null, REPORTED.minusDays(1), REPORTED, TODAY))).isEqualTo(400);
        assertThat(status(() -> SupervisionRules.checkIssue(NoticeKind.HANDLING_PROPOSAL, rect, null, TODAY.minusDays(1), REPORTED, TODAY))).isEqualTo(400);
    }

    @Test
    void aResponseIsRecordedOnceOnADayBetweenTheLetterAndToday() {
        SupervisionNotice open = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY, null, null);
        assertThat(status(() -> SupervisionRules.checkResponse(open, TODAY, TODAY))).isZero();
        assertThat(status(() -> SupervisionRules.checkResponse(open, TODAY.plusDays(1), TODAY))).isEqualTo(400);
        assertThat(status(() -> SupervisionRules.checkResponse(open, REPORTED.minusDays(1), TODAY))).isEqualTo(400);
        SupervisionNotice answered = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY, ResponseOutcome.REFUSED, TODAY);
        assertThat(status(() -> SupervisionRules.checkResponse(answered, TODAY, TODAY))).isEqualTo(409);
    }

    @Test
    void aLetterIsIgnoredWhenRefusedOrUnansweredAfterItsDeadlineDay() {
        LocalDate due = TODAY;
        assertThat(SupervisionRules.ignored(null, null, due, due)).isFalse();
        assertThat(SupervisionRules.ignored(null, null, due, due.plusDays(1))).isTrue();
        assertThat(SupervisionRules.ignored(ResponseOutcome.REFUSED, due.minusDays(3), due, due.minusDays(2))).isTrue();
        assertThat(SupervisionRules.ignored(ResponseOutcome.RECTIFIED, due.plusDays(3), due, due.plusDays(5))).isFalse();
    }

    @Test
    void theEnterpriseIsBlacklistedOnlyWhenBothLettersWentUnheeded() {
        LocalDate after = TODAY.plusDays(30);
        SupervisionNotice rect = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY, null, null);
        SupervisionNotice proposal = notice(NoticeKind.HANDLING_PROPOSAL, TODAY, TODAY.plusDays(14), null, null);
        assertThat(SupervisionRules.blacklistable(rect, proposal, after)).isTrue();
        assertThat(SupervisionRules.blacklistable(rect, proposal, TODAY.plusDays(14))).isFalse();
        assertThat(SupervisionRules.blacklistable(null, proposal, after)).isFalse();
        assertThat(SupervisionRules.blacklistable(rect, null, after)).isFalse();
        SupervisionNotice lateButRectified = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY, ResponseOutcome.RECTIFIED, TODAY.plusDays(20));
        assertThat(SupervisionRules.blacklistable(lateButRectified, proposal, after)).isFalse();
        // The proposal's deadline passed, but the rectification opinion's has not: the enterprise may still answer it.
        SupervisionNotice longRect = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY.plusDays(40), null, null);
        assertThat(SupervisionRules.blacklistable(longRect, proposal, after)).isFalse();
        assertThat(SupervisionRules.blacklistable(longRect, proposal, TODAY.plusDays(41))).isTrue();
        SupervisionNotice refusedEarly = notice(NoticeKind.RECTIFICATION, REPORTED, TODAY.plusDays(40), ResponseOutcome.REFUSED, TODAY);
        assertThat(SupervisionRules.blacklistable(refusedEarly, proposal, after)).isTrue();
        SupervisionNotice answeredProposal = notice(NoticeKind.HANDLING_PROPOSAL, TODAY, TODAY.plusDays(14), ResponseOutcome.RECTIFIED, TODAY.plusDays(2));
        assertThat(SupervisionRules.blacklistable(rect, answeredProposal, after)).isFalse();
    }
}
