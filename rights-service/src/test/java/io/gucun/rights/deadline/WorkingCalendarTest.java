package io.gucun.rights.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deadlines count working days: weekends and holidays are skipped, worked weekend days (调休) count. */
class WorkingCalendarTest {

    private static final LocalDate MON = LocalDate.of(2026, 11, 23);

    @Test
    void countsOnlyWeekdaysAfterTheStartDay() {
        WorkingCalendar cal = WorkingCalendar.weekendsOnly();
        assertThat(cal.addWorkingDays(MON, 1)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(cal.addWorkingDays(MON, 3)).isEqualTo(LocalDate.of(2026, 11, 26));
        // Friday + 1 working day is the next Monday.
        assertThat(cal.addWorkingDays(LocalDate.of(2026, 11, 27), 1)).isEqualTo(LocalDate.of(2026, 11, 30));
        // Reported on a Saturday: the clock starts counting on Monday.
        assertThat(cal.addWorkingDays(LocalDate.of(2026, 11, 28), 1)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(cal.addWorkingDays(MON, 15)).isEqualTo(LocalDate.of(2026, 12, 14));
    }

    @Test
    void holidaysAreSkippedAndWorkedWeekendDaysCount() {
        // National Day week 2026: 1-7 October off (1, 2, 5, 6, 7 are weekdays), Saturday 10 October worked.
        WorkingCalendar cal = new WorkingCalendar(
                Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
                        LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7)),
                Set.of(LocalDate.of(2026, 10, 10)));
        LocalDate wed = LocalDate.of(2026, 9, 30);
        assertThat(cal.addWorkingDays(wed, 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(cal.addWorkingDays(wed, 2)).isEqualTo(LocalDate.of(2026, 10, 9));
        assertThat(cal.addWorkingDays(wed, 3)).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(cal.addWorkingDays(wed, 4)).isEqualTo(LocalDate.of(2026, 10, 12));
        assertThat(cal.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(cal.workingDaysBetween(wed, LocalDate.of(2026, 10, 12))).isEqualTo(4);
        assertThat(cal.workingDaysBetween(LocalDate.of(2026, 10, 12), wed)).isZero();
    }

    @Test
    void zeroOrNegativeDaysAreNotADeadline() {
        assertThatThrownBy(() -> WorkingCalendar.weekendsOnly().addWorkingDays(MON, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePolicyInForceIsTheLatestOneStartedOnOrBeforeTheDay() {
        DeadlinePolicy old = policy(DeadlineStep.TAKEOVER, 3, LocalDate.of(2020, 1, 1));
        DeadlinePolicy newer = policy(DeadlineStep.TAKEOVER, 2, LocalDate.of(2026, 12, 1));
        DeadlinePolicy other = policy(DeadlineStep.START, 9, LocalDate.of(2021, 1, 1));
        List<DeadlinePolicy> all = List.of(old, newer, other);
        assertThat(DeadlinePolicy.inForce(all, DeadlineStep.TAKEOVER, LocalDate.of(2026, 11, 30))).containsSame(old);
        assertThat(DeadlinePolicy.inForce(all, DeadlineStep.TAKEOVER, LocalDate.of(2026, 12, 1))).containsSame(newer);
        assertThat(DeadlinePolicy.inForce(all, DeadlineStep.START, LocalDate.of(2020, 6, 1))).isEmpty();
    }

    private static DeadlinePolicy policy(DeadlineStep step, int days, LocalDate from) {
        DeadlinePolicy p = new DeadlinePolicy();
        p.step = step;
        p.workingDays = days;
        p.validFrom = from;
        return p;
    }
}
