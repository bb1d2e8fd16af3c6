package io.gucun.events.membership;

import java.time.LocalDate;

/**
 * Events of the {@code appointment} aggregate (one union worker's term in one post of one org), published on topic
 * {@code membership.appointment.v1}, keyed by the appointment id; see EVENTS-WORKFORCE.md. "Officer" here means any
 * union worker of the register, whatever the post. The login is the Keycloak username that acts for the worker (null
 * when the worker has none); a consumer that grants scopes from it (deploy/keycloak/appointment-scope.sh) follows
 * {@code grantsOfficerScope}.
 */
public final class WorkforceEvents {

    public static final String AGGREGATE = "appointment";

    /** A union worker was appointed to a post of an org for a term ({@code termTo} is the last day; null: open-ended). */
    public record OfficerAppointed(long appointmentId, long orgId, String orgPath, UnionPost post, String login,
                                   Long memberId, LocalDate termFrom, LocalDate termTo, boolean grantsOfficerScope,
                                   String reason) {
    }

    /** A union worker's term ended early, on {@code endedOn} (the last day served). */
    public record OfficerTermEnded(long appointmentId, long orgId, String orgPath, UnionPost post, String login,
                                   Long memberId, LocalDate endedOn, String reason) {
    }

    private WorkforceEvents() {
    }
}
