package io.gucun.rights.deadline;

import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
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

    /** The deadline for {@code step} started on {@code from}, under the policy in force that day. */
    public LocalDate due(DeadlineStep step, LocalDate from) {
        List<DeadlinePolicy> policies = DeadlinePolicy.list("step", step);
        DeadlinePolicy policy = DeadlinePolicy.inForce(policies, step, from)
                .orElseThrow(() -> ApiException.unprocessable("no-deadline-policy",
                        "no deadline policy for " + step + " is in force on " + from));
        return calendar().addWorkingDays(from, policy.workingDays);
    }
}
