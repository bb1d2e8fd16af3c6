package io.gucun.outreach.event;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a worker communication meeting may take place: when the workers are free (错峰服务, 错时上下班) — on
 * weekends, or on a weekday entirely before or after office hours, in the local time of the site.
 * A window is one stretch within a single local day, at most {@link #MAX_LENGTH} long.
 */
public record OutreachWindow(LocalTime officeStart, LocalTime officeEnd, ZoneId zone) {

    public static final Duration MAX_LENGTH = Duration.ofHours(12);

    /** Empty when the window is allowed, else why not (fit for an API problem). */
    public Optional<String> problemWith(OffsetDateTime startsAt, OffsetDateTime endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            return Optional.of("endsAt must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            return Optional.of("an event lasts at most " + MAX_LENGTH.toHours() + " hours");
        }
        ZonedDateTime start = startsAt.atZoneSameInstant(zone);
        ZonedDateTime end = endsAt.atZoneSameInstant(zone);
        boolean sameDay = start.toLocalDate().equals(end.toLocalDate())
                || end.toLocalTime().equals(LocalTime.MIDNIGHT) && start.toLocalDate().plusDays(1).equals(end.toLocalDate());
        if (!sameDay) {
            return Optional.of("an event must start and end on the same local day");
        }
        if (isWeekend(start.getDayOfWeek())) {
            return Optional.empty();
        }
        LocalTime from = start.toLocalTime();
        LocalTime to = end.toLocalDate().equals(start.toLocalDate()) ? end.toLocalTime() : LocalTime.MAX;
        boolean beforeOffice = !to.isAfter(officeStart);
        boolean afterOffice = !from.isBefore(officeEnd);
        if (beforeOffice || afterOffice) {
            return Optional.empty();
        }
        return Optional.of("on a weekday the event must lie outside office hours (" + officeStart + "–" + officeEnd + " "
                + zone + "): worker communication meetings are held when workers are free, in the evening, early morning or at weekends");
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
