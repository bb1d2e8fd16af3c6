package io.gucun.outreach.signup;

/** Where a sign-up stands on its way to membership. */
public enum SignUpStatus {
    /** Recorded here; not yet accepted by membership-service (it was unreachable): retried. */
    PENDING,
    /** membership-service registered the worker and admitted them on the spot (ON_SITE). */
    REGISTERED,
    /** The person was already registered; the existing member is recorded, nobody is registered twice. */
    ALREADY_MEMBER,
    /** membership-service refused the registration (the reason says why); nothing to retry. */
    REJECTED
}
