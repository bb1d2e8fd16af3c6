package io.gucun.common.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void yuanStringsBecomeExactFen() {
        assertThat(Money.parse("amount", "86000.10")).isEqualTo(8_600_010L);
        assertThat(Money.parse("amount", " 12 ")).isEqualTo(1200L);
        assertThat(Money.parse("amount", "-3.5")).isEqualTo(-350L);
        assertThat(Money.parse("amount", "7.000")).isEqualTo(700L);
        assertThat(Money.parsePositive("amount", "0.01")).isEqualTo(1L);
        assertThat(Money.parsePositive("amount", "1234.5")).isEqualTo(123_450L);
        assertThat(Money.parseOptionalNonNegative("amount", null)).isZero();
        assertThat(Money.parseOptionalNonNegative("amount", " ")).isZero();
        assertThat(Money.parseOptionalNonNegative("amount", "0")).isZero();
        assertThat(Money.parse("amount", "10000000000000")).isEqualTo(Money.MAX_FEN);
    }

    @Test
    void sumsOfManySmallAmountsStayExact() {
        long total = 0;
        for (int i = 0; i < 1000; i++) {
            total += Money.parse("amount", "0.10");
        }
        // 1000 × 0.1 in binary floating point is 99.9999…; in fen it is exactly 100 yuan.
        assertThat(Money.format(total)).isEqualTo("100.00");
    }

    @Test
    void formatsFenAsYuanWithTwoPlaces() {
        assertThat(Money.format(123_450)).isEqualTo("1234.50");
        assertThat(Money.format(5)).isEqualTo("0.05");
        assertThat(Money.format(0)).isEqualTo("0.00");
        assertThat(Money.format(-5)).isEqualTo("-0.05");
    }

    @Test
    void malformedAmountsAreRefusedNamingTheField() {
        for (String bad : new String[] {"0.001", "abc", "1e400", "1,5", "", "10000000000000.01", "NaN"}) {
            assertThatThrownBy(() -> Money.parse("rows[3].amount", bad)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors().getFirst().field()).isEqualTo("rows[3].amount");
            });
        }
    }

    @Test
    void signRulesNameTheField() {
        for (String bad : new String[] {"0", "0.00", "-1"}) {
            assertThatThrownBy(() -> Money.parsePositive("amount", bad)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.errors().getFirst().message()).isEqualTo("must be more than 0"));
        }
        assertThatThrownBy(() -> Money.parseOptionalNonNegative("amountRecovered", "-0.01"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errors().getFirst().field()).isEqualTo("amountRecovered");
                    assertThat(e.errors().getFirst().message()).isEqualTo("must not be negative");
                });
    }
}
