package io.gucun.outreach.signup;

/** membership-service as the sign-up flow needs it: register a worker and admit them on the spot. */
public interface MembershipGateway {

    /** What membership-service made of a registration. */
    sealed interface Outcome {
    }

    /** Registered and admitted (MemberJoined via ON_SITE follows on membership.member.v1). */
    record Registered(long memberId) implements Outcome {
    }

    /** The person is registered already (a 409 naming the existing member: the officer may see it): no second registration. */
    record AlreadyMember(long memberId) implements Outcome {
    }

    /**
     * Why a sign-up is refused when the person is registered already but membership does not name the member to this
     * officer (the member lies outside the officer's scope): worded so as to say neither that nor where the person is a
     * member.
     */
    String UNDISCLOSED = "membership-service did not register this person through this event; the worker may apply "
            + "to a union directly";

    /** Refused for good (invalid data, closed org, org outside the officer's scope); retrying would not help. */
    record Refused(String reason) implements Outcome {
    }

    /** Not reachable now (network, 5xx, timeout): keep the sign-up pending and retry later. */
    record Unavailable(String reason) implements Outcome {
    }

    /** {@code authorization} is the caller's own bearer header, passed on so membership checks the officer's scope itself. */
    Outcome register(SignUpDtos.MemberRegistration registration, String authorization);
}
