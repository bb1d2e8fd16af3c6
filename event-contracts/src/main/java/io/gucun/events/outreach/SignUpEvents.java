package io.gucun.events.outreach;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Events of the sign-up aggregate (topic outreach.signup.v1): no name, ID number or phone, only ids and the employer. */
public final class SignUpEvents {

    public static final String AGGREGATE = "signup";

    private SignUpEvents() {
    }

    public record WorkerSignedUp(UUID signUpId, long eventId, long orgId, String orgPath, String staff,
                                 String employerCreditCode, OffsetDateTime signedUpAt) {
    }
}
