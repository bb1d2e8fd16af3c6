package io.gucun.outreach.results;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.common.replica.KnownOrg;
import io.gucun.outreach.event.EventService;
import io.gucun.outreach.membership.OrgScopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Results of outreach. A sign-up counts for the event and the staff member who took it; a new member counts as approved
 * once membership's MemberJoined arrived; a founded union counts for the event where its enterprise's workers first came.
 */
@ApplicationScoped
public class ResultsService {

    /** Figures over the sign-ups and leads of the events selected by {@code :events} (a subquery of event ids). */
    private static final String FIGURES = """
            select
              (select count(*) from sign_up s where s.event_id in (%1$s) %2$s),
              (select count(*) from sign_up s where s.event_id in (%1$s) %2$s and s.status = 'REGISTERED'),
              (select count(*) from sign_up s where s.event_id in (%1$s) %2$s and s.status = 'ALREADY_MEMBER'),
              (select count(*) from sign_up s where s.event_id in (%1$s) %2$s and s.status = 'PENDING'),
              (select count(*) from sign_up s join joined_member m on m.member_id = s.member_id
                 where s.event_id in (%1$s) %2$s and s.status = 'REGISTERED'),
              (select count(*) from enterprise_lead l where l.first_event_id in (%1$s) %3$s),
              (select count(*) from enterprise_lead l where l.credited_event_id in (%1$s) %3$s and l.status = 'FOUNDED')
            """;

    @Inject
    EntityManager em;

    @Inject
    EventService events;

    @Inject
    OrgScopes scopes;

    @Inject
    BusinessTime time;

    public ResultsDtos.EventResults ofEvent(long eventId) {
        events.get(eventId);
        Query q = em.createNativeQuery(FIGURES.formatted(":event", "", "")).setParameter("event", eventId);
        return new ResultsDtos.EventResults(eventId, figures((Object[]) q.getSingleResult()));
    }

    public ResultsDtos.OrgYearResults ofOrgYear(long orgId, int year) {
        KnownOrg org = scopes.visibleOrg(orgId, "orgId");
        checkYear(year);
        String selected = yearEvents();
        Query q = em.createNativeQuery(FIGURES.formatted(selected, "", ""));
        bindYear(q, org.path, year);
        long held = ((Number) bindYear(em.createNativeQuery("select count(*) from outreach_event where id in (" + selected
                + ") and status = 'HELD'"), org.path, year).getSingleResult()).longValue();
        return new ResultsDtos.OrgYearResults(org.id, org.path, year, held, figures((Object[]) q.getSingleResult()));
    }

    /** Per staff member of the subtree's events in the year, most sign-ups first. */
    public Page<ResultsDtos.StaffResults> ofStaff(Long orgId, int year, PageRequest page) {
        String root = scopes.subtree(orgId);
        checkYear(year);
        String selected = yearEvents();
        String staffSql = "select staff, count(distinct event_id), sum(signed) as signed from (select s.staff, s.event_id, 1 as signed"
                + " from sign_up s where s.event_id in (" + selected + ") union all select es.staff, es.event_id, 0 from event_staff es"
                + " where es.event_id in (" + selected + ")) x group by staff";
        long total = ((Number) bindYear(em.createNativeQuery("select count(*) from (" + staffSql + ") t"), root, year)
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> staff = bindYear(em.createNativeQuery(staffSql + " order by signed desc, staff"), root, year)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<ResultsDtos.StaffResults> out = new ArrayList<>();
        for (Object[] row : staff) {
            String name = (String) row[0];
            // sign-ups by this staff member; leads and unions of the events they worked at
            Query q = em.createNativeQuery(FIGURES.formatted(selected, "and s.staff = :staff",
                    "and exists (select 1 from event_staff es where es.event_id = l.first_event_id and es.staff = :staff)"));
            bindYear(q, root, year).setParameter("staff", name);
            out.add(new ResultsDtos.StaffResults(name, ((Number) row[1]).longValue(), figures((Object[]) q.getSingleResult())));
        }
        return new Page<>(out, page.page(), page.size(), total);
    }

    private static String yearEvents() {
        return "select e.id from outreach_event e where e.org_path <@ cast(:root as ltree) and e.starts_at >= :from and e.starts_at < :to";
    }

    private Query bindYear(Query q, String root, int year) {
        return q.setParameter("root", root)
                .setParameter("from", LocalDate.of(year, 1, 1).atStartOfDay(time.zone()).toOffsetDateTime())
                .setParameter("to", LocalDate.of(year + 1, 1, 1).atStartOfDay(time.zone()).toOffsetDateTime());
    }

    private void checkYear(int year) {
        if (year < 2000 || year > time.today().getYear() + 1) {
            throw ApiException.invalid("year", "must be between 2000 and next year");
        }
    }

    private static ResultsDtos.Figures figures(Object[] r) {
        long[] n = new long[r.length];
        for (int i = 0; i < r.length; i++) {
            n[i] = ((Number) r[i]).longValue();
        }
        return new ResultsDtos.Figures(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }
}
