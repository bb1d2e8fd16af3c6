package io.gucun.outreach.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class OutreachWindowTest {

    private final OutreachWindow window = new OutreachWindow(LocalTime.of(9, 0), LocalTime.of(18, 0), ZoneId.of("Asia/Shanghai"));

    private static OffsetDateTime at(String s) {
        return OffsetDateTime.parse(s);
    }

    @Test
    void weekdayEveningIsAllowed() {
        // 2026-11-25 is a Wednesday
        assertThat(window.problemWith(at("2026-11-25T18:30:00+08:00"), at("2026-11-25T21:00:00+08:00"))).isEmpty();
    }

    @Test
    void weekdayEarlyMorningEndingAtOfficeStartIsAllowed() {
        assertThat(window.problemWith(at("2026-11-25T07:00:00+08:00"), at("2026-11-25T09:00:00+08:00"))).isEmpty();
    }

    @Test
    void weekendDaytimeIsAllowed() {
        assertThat(window.problemWith(at("2026-11-28T10:00:00+08:00"), at("2026-11-28T16:00:00+08:00"))).isEmpty();
    }

    @Test
    void weekdayOfficeHoursAreRefusedWithTheReason() {
        assertThat(window.problemWith(at("2026-11-25T14:00:00+08:00"), at("2026-11-25T16:00:00+08:00")))
                .hasValueSatisfying(p -> assertThat(p).contains("outside office hours").contains("09:00"));
    }

    @Test
    void overlappingTheEndOfOfficeHoursIsRefused() {
        assertThat(window.problemWith(at("2026-11-25T17:30:00+08:00"), at("2026-11-25T19:00:00+08:00"))).isPresent();
    }

    @Test
    void judgedInLocalTimeWhateverTheOffsetSent() {
        // 10:30 UTC on a Wednesday is 18:30 in Shanghai: an evening event
        assertThat(window.problemWith(at("2026-11-25T10:30:00Z"), at("2026-11-25T13:00:00Z"))).isEmpty();
        // 02:00 UTC is 10:00 in Shanghai: office hours
        assertThat(window.problemWith(at("2026-11-25T02:00:00Z"), at("2026-11-25T04:00:00Z"))).isPresent();
    }

    @Test
    void endBeforeStartOrSpanningDaysIsRefused() {
        assertThat(window.problemWith(at("2026-11-25T20:00:00+08:00"), at("2026-11-25T19:00:00+08:00")))
                .hasValue("endsAt must be after startsAt");
        assertThat(window.problemWith(at("2026-11-27T22:00:00+08:00"), at("2026-11-28T02:00:00+08:00"))).isPresent();
    }

    @Test
    void eveningUntilMidnightIsOneDay() {
        assertThat(window.problemWith(at("2026-11-25T19:00:00+08:00"), at("2026-11-26T00:00:00+08:00"))).isEmpty();
    }
}
