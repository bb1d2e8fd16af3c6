package io.gucun.outreach;

import io.gucun.outreach.membership.UnionWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.LocalDate;

/** Announces membership's union workforce register to outreach (membership.appointment.v1), as its outbox would. */
public final class UnionWorkerFeed {

    private UnionWorkerFeed() {
    }

    /** Appoints {@code login} as a social worker of the org from a year ago, open-ended; waits until outreach knows. */
    public static long appointed(long orgId, String orgPath, String login) {
        return appointed(orgId, orgPath, login, LocalDate.now().minusYears(1), null);
    }

    public static long appointed(long orgId, String orgPath, String login, LocalDate termFrom, LocalDate termTo) {
        long id = MembershipFeed.nextId();
        MembershipFeed.publish("membership.appointment.v1", String.valueOf(id), "OfficerAppointed", """
                {"appointmentId": %d, "orgId": %d, "orgPath": "%s", "post": "SOCIAL_WORKER", "login": "%s",
                 "memberId": null, "termFrom": "%s", "termTo": %s, "grantsOfficerScope": true, "reason": null}"""
                .formatted(id, orgId, orgPath, login, termFrom, termTo == null ? "null" : "\"" + termTo + "\""));
        MembershipFeed.await("appointment " + id + " arrives", () -> QuarkusTransaction.requiringNew()
                .call(() -> UnionWorker.findById(id) != null));
        return id;
    }

    /** Ends the appointment's term on {@code endedOn}; waits until outreach knows. */
    public static void termEnded(long appointmentId, long orgId, String orgPath, String login, LocalDate endedOn) {
        MembershipFeed.publish("membership.appointment.v1", String.valueOf(appointmentId), "OfficerTermEnded", """
                {"appointmentId": %d, "orgId": %d, "orgPath": "%s", "post": "SOCIAL_WORKER", "login": "%s",
                 "memberId": null, "endedOn": "%s", "reason": "调任"}"""
                .formatted(appointmentId, orgId, orgPath, login, endedOn));
        MembershipFeed.await("the end of appointment " + appointmentId + " arrives", () -> QuarkusTransaction.requiringNew()
                .call(() -> endedOn.equals(UnionWorker.<UnionWorker>findById(appointmentId).termTo)));
    }
}
