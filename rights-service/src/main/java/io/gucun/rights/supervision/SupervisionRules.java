package io.gucun.rights.supervision;

import io.gucun.common.problem.ApiException;
import io.gucun.events.rights.NoticeKind;
import java.time.LocalDate;
import java.util.Map;

/**
 * The rules of the two letters. The rectification opinion comes first; the handling proposal follows it unless the
 * enterprise put things right. Each letter is issued once per case, on a day that is not in the future and not
 * before the case was reported. A letter is ignored when its deadline passed with no response, or when the
 * enterprise refused; an enterprise that ignores the handling proposal after an unheeded rectification opinion
 * goes onto the blacklist.
 */
public final class SupervisionRules {

    private SupervisionRules() {
    }

    /**
     * @param rectification the case's rectification opinion, or null
     * @param existing the case's letter of {@code kind}, or null
     */
    public static void checkIssue(NoticeKind kind, SupervisionNotice rectification, SupervisionNotice existing,
                                  LocalDate issuedOn, LocalDate reportedOn, LocalDate today) {
        if (issuedOn.isAfter(today)) {
            throw ApiException.invalid("issuedOn", "must not be in the future");
        }
        if (issuedOn.isBefore(reportedOn)) {
            throw ApiException.invalid("issuedOn", "must not be before the case was reported (" + reportedOn + ")");
        }
        if (existing != null) {
            throw ApiException.conflict("notice-already-issued", "a " + kind + " letter was already issued in this case (notice "
                    + existing.id + ")", Map.of("noticeId", existing.id));
        }
        if (kind == NoticeKind.HANDLING_PROPOSAL) {
            if (rectification == null) {
                throw ApiException.unprocessable("rectification-first",
                        "a handling proposal follows a rectification opinion; issue the RECTIFICATION letter first");
            }
            if (issuedOn.isBefore(rectification.issuedOn)) {
                throw ApiException.invalid("issuedOn", "must not be before the rectification opinion (" + rectification.issuedOn + ")");
            }
            if (rectification.responseOutcome == ResponseOutcome.RECTIFIED) {
                throw ApiException.unprocessable("already-rectified",
                        "the enterprise put things right after the rectification opinion; no handling proposal is due");
            }
        }
    }

    public static void checkResponse(SupervisionNotice n, LocalDate respondedOn, LocalDate today) {
        if (n.responseOutcome != null) {
            throw ApiException.conflict("response-already-recorded", "the response to notice " + n.id + " was recorded on "
                    + n.respondedOn, Map.of("noticeId", n.id));
        }
        if (respondedOn.isAfter(today)) {
            throw ApiException.invalid("respondedOn", "must not be in the future");
        }
        if (respondedOn.isBefore(n.issuedOn)) {
            throw ApiException.invalid("respondedOn", "must not be before the letter was issued (" + n.issuedOn + ")");
        }
    }

    /** Ignored as of {@code day}: refused, or no response and the deadline is behind {@code day}. A late RECTIFIED is heeded. */
    public static boolean ignored(ResponseOutcome outcome, LocalDate respondedOn, LocalDate dueOn, LocalDate day) {
        return outcome == ResponseOutcome.REFUSED || outcome == null && day.isAfter(dueOn);
    }

    /**
     * The enterprise goes onto the blacklist once both letters went unheeded: each was refused or its deadline passed
     * without an answer. While either deadline is still running the enterprise may yet put things right.
     */
    public static boolean blacklistable(SupervisionNotice rectification, SupervisionNotice handlingProposal, LocalDate day) {
        return rectification != null && handlingProposal != null
                && rectification.ignoredAsOf(day)
                && handlingProposal.ignoredAsOf(day);
    }
}
