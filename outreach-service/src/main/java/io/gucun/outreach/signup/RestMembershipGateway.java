package io.gucun.outreach.signup;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Calls {@code POST /api/membership/members} with the officer's token. Transient failures (no connection, 5xx, 429,
 * timeout) are retried a few times here and then reported as {@link MembershipGateway.Unavailable}; the sign-up stays
 * pending and is retried later. 4xx answers are final.
 */
@ApplicationScoped
public class RestMembershipGateway implements MembershipGateway {

    private static final Logger LOG = Logger.getLogger(RestMembershipGateway.class);
    static final String DUPLICATE_MEMBER = "urn:gucun:problem:duplicate-member";

    @Inject
    @RestClient
    MembershipClient client;

    @Inject
    RestMembershipGateway self;

    /** Thrown for failures worth retrying. */
    static final class Transient extends RuntimeException {
        Transient(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Outcome register(SignUpDtos.MemberRegistration registration, String authorization) {
        try {
            return self.attempt(registration, authorization);
        } catch (Transient e) {
            LOG.warnf("membership-service unavailable, sign-up stays pending: %s", e.getMessage());
            return new Unavailable(e.getMessage());
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException e) {
            return new Unavailable("membership-service did not answer in time");
        }
    }

    @Retry(maxRetries = 2, delay = 200, delayUnit = ChronoUnit.MILLIS, retryOn = {Transient.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Outcome attempt(SignUpDtos.MemberRegistration registration, String authorization) {
        try {
            return registered(client.register(authorization, registration));
        } catch (WebApplicationException e) {
            return fromError(e.getResponse());
        } catch (ProcessingException e) {
            throw new Transient("membership-service unreachable: " + e.getClass().getSimpleName());
        }
    }

    static Outcome registered(JsonNode body) {
        long memberId = body.path("member").path("id").asLong(0);
        if (memberId == 0) {
            throw new Transient("membership-service answered without a member id");
        }
        return new Registered(memberId);
    }

    static Outcome fromError(Response response) {
        return fromError(response.getStatus(), readProblem(response));
    }

    /**
     * Maps an error answer: a 409 duplicate naming the existing member is {@link AlreadyMember}; one that does not name
     * it (membership names the member only to an officer who may see it) is refused with {@link #UNDISCLOSED}, which
     * says neither that nor where the person is a member; other 4xx are final; 5xx, 429 and 401 are transient.
     */
    static Outcome fromError(int status, JsonNode problem) {
        if (status == 409 && problem != null && problem.hasNonNull("memberId")) {
            return new AlreadyMember(problem.get("memberId").asLong());
        }
        if (status == 409 && problem != null && DUPLICATE_MEMBER.equals(problem.path("type").asText())) {
            return new Refused(UNDISCLOSED);
        }
        if (status >= 500 || status == 429 || status == 401) {
            // 401: the token expired while the sign-up waited; a later retry with a fresh token succeeds
            throw new Transient("membership-service answered " + status);
        }
        String detail = problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText() : "refused";
        return new Refused("membership-service " + status + ": " + detail);
    }

    private static JsonNode readProblem(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(JsonNode.class) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
