package io.gucun.membership.member;

import io.gucun.common.problem.ApiException;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.OffsetDateTime;

/** Who decided a request (an application, a transfer), when and why; absent while the request is pending. */
@Embeddable
public class DecisionRecord {

    @Column(name = "decided_at")
    public OffsetDateTime at;

    @Column(name = "decided_by")
    public String by;

    @Column(name = "decision_reason")
    public String reason;

    /** A blank reason is none. */
    static DecisionRecord of(String by, OffsetDateTime at, String reason) {
        DecisionRecord d = new DecisionRecord();
        d.by = by;
        d.at = at;
        d.reason = reason == null || reason.isBlank() ? null : reason.trim();
        return d;
    }

    /** A refusal says why: the trimmed reason, or 400 naming {@code reason}. */
    static String required(String reason, String toRefuse) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "is required to " + toRefuse);
        }
        return reason.trim();
    }

    static OffsetDateTime at(DecisionRecord d) {
        return d == null ? null : d.at;
    }

    static String by(DecisionRecord d) {
        return d == null ? null : d.by;
    }

    static String reason(DecisionRecord d) {
        return d == null ? null : d.reason;
    }
}
