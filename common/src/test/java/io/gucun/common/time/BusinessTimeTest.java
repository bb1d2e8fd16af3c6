package io.gucun.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Business dates are days in the business zone, read off the injected clock; instants stay UTC. */
class BusinessTimeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static BusinessTime at(String instant) {
        return new BusinessTime(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), SHANGHAI);
    }

    @Test
    void theBusinessDayTurnsAtMidnightInShanghaiNotInUtc() {
        // Shanghai is UTC+8: 15:59:59 UTC is still the 23rd there, 16:00 UTC is already the 24th.
        assertThat(at("2026-11-23T15:59:59Z").today()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(at("2026-11-23T16:00:00Z").today()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(at("2026-11-30T16:00:00Z").month()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(at("2026-11-30T15:59:59Z").month()).isEqualTo(YearMonth.of(2026, 11));
    }

    @Test
    void nowIsTheClocksInstantInUtc() {
        BusinessTime time = new BusinessTime(Clock.fixed(Instant.parse("2026-11-23T16:30:00Z"), SHANGHAI), SHANGHAI);
        assertThat(time.now()).isEqualTo(OffsetDateTime.parse("2026-11-23T16:30:00Z"));
        assertThat(time.now().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(time.instant()).isEqualTo(Instant.parse("2026-11-23T16:30:00Z"));
    }

    @Test
    void anInstantFallsOnTheBusinessDayOfItsZone() {
        BusinessTime time = at("2026-11-23T00:00:00Z");
        assertThat(time.dayOf(OffsetDateTime.parse("2026-11-23T20:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(time.dayOf(OffsetDateTime.parse("2026-11-24T07:59:59+08:00"))).isEqualTo(LocalDate.of(2026, 11, 24));
    }
}
