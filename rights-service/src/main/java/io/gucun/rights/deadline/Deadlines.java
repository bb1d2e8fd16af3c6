package io.gucun.rights.deadline;

import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deadlines from the dated policy and the working calendar kept in the database; dates are days of the business zone. */
@ApplicationScoped
public class Deadlines {

    @Inject
    BusinessTime time;

    public OffsetDateTime now() {
        return time.now();
    }

    public LocalDate today() {
        return time.today();
    }

    public LocalDate dayOf(OffsetDateTime at) {
        return time.dayOf(at);
    }

    public ZoneId zone() {
        return time.zone();
    }

    public WorkingCalendar calendar() {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> worked = new HashSet<>();
        for (CalendarDay d : CalendarDay.<CalendarDay>listAll()) {
            (CalendarDay.WORKDAY.equals(d.kind) ? worked : holidays).add(d.day);
        }
        return new WorkingCalendar(holidays, worked);
    }

    public List<DeadlinePolicy> policies() {
        return DeadlinePolicy.listAll(Sort.by("step").and("validFrom"));
    }

    /** A rule for {@code step} from {@code from} on; 409 policy-exists if one starts that day. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DeadlinePolicy addPolicy(DeadlineStep step, int workingDays, LocalDate from, String note, String createdBy) {
        if (DeadlinePolicy.count("step = ?1 and validFrom = ?2", step, from) > 0) {
            throw ApiException.conflict("policy-exists", "a " + step + " rule from " + from + " exists", Map.of());
        }
        DeadlinePolicy p = new DeadlinePolicy();
        p.step = step;
        p.workingDays = workingDays;
        p.validFrom = from;
        p.note = note;
        p.createdAt = now();
        p.createdBy = createdBy;
        p.persist();
        return p;
    }

    /** The holidays and worked weekend days of {@code year}, in day order. */
    public List<CalendarDay> calendarDays(int year) {
        return CalendarDay.list("day >= ?1 and day <= ?2 order by day", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** 409 day-exists if {@code day} is in the calendar already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CalendarDay addDay(LocalDate day, String kind, String name) {
        if (CalendarDay.findById(day) != null) {
            throw ApiException.conflict("day-exists", day + " is in the calendar already", Map.of());
        }
        CalendarDay d = new CalendarDay();
        d.day = day;
        d.kind = kind;
        d.name = name;
        d.persist();
        return d;
    }

    /** The deadline for {@code step} started on {@code from}, under the policy in force that day. */
    public LocalDate due(DeadlineStep step, LocalDate from) {
        List<DeadlinePolicy> policies = DeadlinePolicy.list("step", step);
        DeadlinePolicy policy = DeadlinePolicy.inForce(policies, step, from)
                .orElseThrow(() -> ApiException.unprocessable("no-deadline-policy",
                        "no deadline policy for " + step + " is in force on " + from));
        return calendar().addWorkingDays(from, policy.workingDays);
    }
}
