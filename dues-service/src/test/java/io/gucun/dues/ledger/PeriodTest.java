package io.gucun.dues.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void periodsAreCalendarMonthsNotInTheFuture() {
        assertThat(Period.parse("period", "2026-11", NOV_2026).toString()).isEqualTo("2026-11");
        assertThat(Period.parse("period", "2025-01", NOV_2026).firstDay().toString()).isEqualTo("2025-01-01");
        for (String bad : new String[] {"2026-13", "2026-1", "202611", "2026-12", "1999-12", "x"}) {
            assertThatThrownBy(() -> Period.parse("period", bad, NOV_2026))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void theCurrentMonthIsTheBusinessZones() {
        // 30 November 17:00 UTC is already 1 December in Shanghai: December is this month there, not the future
        Clock shanghai = Clock.fixed(Instant.parse("2026-11-30T17:00:00Z"), ZoneId.of("Asia/Shanghai"));
        assertThat(Period.parse("period", "2026-12", shanghai).toString()).isEqualTo("2026-12");
        assertThatThrownBy(() -> Period.parse("period", "2026-12", shanghai.withZone(ZoneOffset.UTC)))
                .isInstanceOf(ApiException.class);
    }
}
