package io.gucun.dues.approval;

/**
 * A kind of decision that takes effect only when a second officer approves it (a rebate policy version, a retention
 * override, a large manual entry, ...). One CDI bean per kind; {@link Approvals} calls it inside the deciding
 * transaction, so a subject that can no longer take effect (e.g. its start date has passed) refuses by throwing, and
 * nothing of the decision is kept.
 */
public interface ApprovalSubject {

    /** The kind this bean handles, as stored in approval_request.kind. */
    String kind();

    /** Makes the approved subject take effect. */
    void approved(long subjectId, Decision decision);

    /** Marks the subject rejected. */
    void rejected(long subjectId, Decision decision);

    /** A decision taken: by whom, on whose proposal. */
    record Decision(long approvalId, String proposedBy, String decidedBy, java.time.Instant decidedAt, String note) {
    }
}
