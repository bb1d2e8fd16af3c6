package io.gucun.outreach.membership;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.WorkforceEvents.OfficerAppointed;
import io.gucun.events.membership.WorkforceEvents.OfficerTermEnded;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The union workers outreach may assign: membership's workforce register, learnt from membership.appointment.v1
 * (each event once, through the Inbox). Event staff and site owners are logins of union workers in term today at an
 * org reachable from the event's or site's org: that org itself, one above it (a town's social worker serves its
 * parks) or one below it (a park's grid leader staffs the town's stall).
 */
@ApplicationScoped
public class UnionWorkers {

    static final String CONSUMER = "outreach.membership-appointment";

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    private final EventReader events = EventReader.reading()
            .on(OfficerAppointed.class, this::appointed, "appointmentId", "orgId", "post", "login", "termFrom", "termTo")
            .on(OfficerTermEnded.class, this::termEnded, "appointmentId", "endedOn");

    @Incoming("membership-appointment")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, events);
    }

    /** What outreach reads from membership.appointment.v1 (tolerant reader: other events are skipped). */
    EventReader events() {
        return events;
    }

    /**
     * The login as stored (trimmed, lower case, as Keycloak keeps usernames) when it names a union worker in term
     * today at an org reachable from {@code orgPath}; otherwise a 400 problem naming {@code field}.
     */
    public String requireAssignable(String login, String orgPath, String field) {
        String normalized = login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
        Number found = (Number) em.createNativeQuery("""
                        select count(*) from union_worker w join known_org o on o.id = w.org_id
                         where w.login = :login and w.term_from <= :today and (w.term_to is null or w.term_to >= :today)
                           and (o.path @> cast(:path as ltree) or o.path <@ cast(:path as ltree))""")
                .setParameter("login", normalized).setParameter("today", time.today()).setParameter("path", orgPath)
                .getSingleResult();
        if (found.longValue() == 0) {
            throw ApiException.invalid(field, "must be the login of a union worker in term at this org or one above or "
                    + "below it (membership's workforce register: POST /api/membership/appointments)");
        }
        return normalized;
    }

    void appointed(OfficerAppointed e) {
        if (e.login() == null) {
            return; // a worker without a login cannot be assigned here
        }
        UnionWorker w = UnionWorker.findById(e.appointmentId());
        if (w == null) {
            w = new UnionWorker();
            w.appointmentId = e.appointmentId();
        }
        w.orgId = e.orgId();
        w.post = e.post() == null ? "UNKNOWN" : e.post().name(); // a post added later still names a union worker
        w.login = e.login();
        w.termFrom = e.termFrom();
        w.termTo = e.termTo();
        w.persist();
    }

    void termEnded(OfficerTermEnded e) {
        UnionWorker w = UnionWorker.findById(e.appointmentId());
        if (w != null && (w.termTo == null || e.endedOn().isBefore(w.termTo))) {
            w.termTo = e.endedOn();
        }
    }
}
