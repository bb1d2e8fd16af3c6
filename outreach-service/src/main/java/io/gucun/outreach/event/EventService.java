package io.gucun.outreach.event;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.common.api.NativePage;
import io.gucun.events.outreach.EventEvents;
import io.gucun.outreach.membership.OrgScopes;
import io.gucun.outreach.membership.UnionWorkers;
import io.gucun.outreach.site.Site;
import io.gucun.outreach.site.SiteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class EventService {

    @Inject
    OrgScopes scopes;

    @Inject
    SiteService sites;

    @Inject
    Outbox outbox;

    @Inject
    UnionWorkers workers;

    @ConfigProperty(name = "gucun.outreach.office-hours.start")
    LocalTime officeStart;

    @ConfigProperty(name = "gucun.outreach.office-hours.end")
    LocalTime officeEnd;

    @Inject
    BusinessTime time;

    public OutreachWindow window() {
        return new OutreachWindow(officeStart, officeEnd, time.zone());
    }

    @Transactional
    public OutreachEvent schedule(EventDtos.NewEvent r) {
        Site site = sites.get(r.siteId());
        window().problemWith(r.startsAt(), r.endsAt()).ifPresent(problem -> {
            throw new ApiException(400, "outside-office-hours-required", "Invalid event window", problem,
                    List.of(new io.gucun.common.problem.FieldError("startsAt", problem)), null);
        });
        OutreachEvent e = new OutreachEvent();
        e.siteId = site.id;
        e.orgId = site.orgId;
        e.orgPath = site.orgPath;
        e.title = r.title().trim();
        e.startsAt = r.startsAt();
        e.endsAt = r.endsAt();
        e.status = EventStatus.SCHEDULED;
        e.createdAt = now();
        e.createdBy = scopes.username();
        e.persist();
        if (r.staff() != null) {
            java.util.Set<String> staff = new java.util.LinkedHashSet<>();
            for (int i = 0; i < r.staff().size(); i++) {
                staff.add(workers.requireAssignable(r.staff().get(i), site.orgPath, "staff[" + i + "]"));
            }
            staff.forEach(s -> assign(e, s));
        }
        outbox.record(EventEvents.AGGREGATE, e.id, "OutreachEventScheduled", new EventEvents.OutreachEventScheduled(
                e.id, site.id, site.kind.name(), e.orgId, e.orgPath, site.gridCode, e.title, e.startsAt, e.endsAt));
        return e;
    }

    public OutreachEvent get(long id) {
        OutreachEvent e = OutreachEvent.findById(id);
        if (e == null) {
            throw ApiException.notFound("event", id);
        }
        scopes.requireCovers(e.orgPath);
        return e;
    }

    @Transactional
    public OutreachEvent assignStaff(long id, String staff) {
        OutreachEvent e = get(id);
        if (e.status == EventStatus.CANCELLED) {
            throw ApiException.unprocessable("event-cancelled", "the event was cancelled");
        }
        String login = workers.requireAssignable(staff, e.orgPath, "staff");
        if (!EventStaff.isAssigned(id, login)) {
            assign(e, login);
        }
        return e;
    }

    private void assign(OutreachEvent e, String staff) {
        EventStaff s = new EventStaff();
        s.eventId = e.id;
        s.staff = staff;
        s.assignedAt = now();
        s.assignedBy = scopes.username();
        s.persist();
    }

    /** Marks the event held (idempotent: holding a held event changes nothing and publishes nothing). */
    @Transactional
    public OutreachEvent markHeld(long id) {
        OutreachEvent e = get(id);
        if (e.status == EventStatus.HELD) {
            return e;
        }
        if (e.status == EventStatus.CANCELLED) {
            throw ApiException.unprocessable("event-cancelled", "a cancelled event cannot be held");
        }
        e.status = EventStatus.HELD;
        e.heldAt = now();
        long signUps = ((Number) OutreachEvent.getEntityManager()
                .createNativeQuery("select count(*) from sign_up where event_id = ?1").setParameter(1, id).getSingleResult()).longValue();
        outbox.record(EventEvents.AGGREGATE, e.id, "OutreachEventHeld",
                new EventEvents.OutreachEventHeld(e.id, e.orgId, e.orgPath, e.heldAt, signUps));
        return e;
    }

    @Transactional
    public OutreachEvent cancel(long id) {
        OutreachEvent e = get(id);
        if (e.status == EventStatus.HELD) {
            throw ApiException.unprocessable("event-held", "a held event cannot be cancelled");
        }
        e.status = EventStatus.CANCELLED;
        return e;
    }

    /** The calendar of an org subtree: events starting in [from, to), earliest first. */
    public Page<OutreachEvent> calendar(Long orgId, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        String root = scopes.subtree(orgId);
        StringBuilder where = new StringBuilder("from outreach_event where org_path <@ cast(:root as ltree)");
        Map<String, Object> params = new HashMap<>();
        params.put("root", root);
        if (from != null) {
            where.append(" and starts_at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            if (from != null && !to.isAfter(from)) {
                throw ApiException.invalid("to", "must be after from");
            }
            where.append(" and starts_at < :to");
            params.put("to", to);
        }
        return NativePage.of(OutreachEvent.getEntityManager(), where.toString(), "id", "starts_at, id", params, page,
                OutreachEvent.class);
    }

    public EventDtos.EventView view(OutreachEvent e) {
        Site site = Site.findById(e.siteId);
        List<String> staff = EventStaff.<EventStaff>list("eventId = ?1 order by staff", e.id).stream().map(s -> s.staff).toList();
        return new EventDtos.EventView(e.id, e.siteId, site == null ? null : site.name, e.orgId, e.orgPath, e.title,
                e.startsAt, e.endsAt, e.status, staff, e.heldAt, e.version);
    }

    OffsetDateTime now() {
        return time.now();
    }
}
