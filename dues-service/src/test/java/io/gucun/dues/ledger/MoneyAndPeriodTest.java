package io.gucun.dues.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MoneyAndPeriodTest {

    private static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void yuanStringsBecomeExactFen() {
        assertThat(Money.parsePositive("amount", "1234.5")).isEqualTo(123_450);
        assertThat(Money.parsePositive("amount", "0.01")).isEqualTo(1);
        assertThat(Money.parsePositive("amount", "100.10")).isEqualTo(10_010);
        assertThat(Money.parsePositive("amount", "7.000")).isEqualTo(700);
        assertThat(Money.format(123_450)).isEqualTo("1234.50");
        assertThat(Money.format(1)).isEqualTo("0.01");
        assertThat(Money.format(-5)).isEqualTo("-0.05");
    }

    @Test
    void zeroNegativeFractionsOfAFenAndGarbageAreRejectedNamingTheField() {
        for (String bad : new String[] {"0", "-1.00", "0.001", "abc", "", "1e400"}) {
            assertThatThrownBy(() -> Money.parsePositive("rows[3].amount", bad))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("rows[3].amount"));
        }
    }

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
}
