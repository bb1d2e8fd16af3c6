package io.gucun.rights.rightscase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void yuanStringsBecomeExactFen() {
        assertThat(Money.fen("a", "86000.10")).isEqualTo(8_600_010L);
        assertThat(Money.fen("a", "0.01")).isEqualTo(1L);
        assertThat(Money.fen("a", "12")).isEqualTo(1200L);
        assertThat(Money.fen("a", "1.50")).isEqualTo(150L);
        assertThat(Money.fen("a", null)).isZero();
        assertThat(Money.yuan(8_600_010L)).isEqualTo("86000.10");
        assertThat(Money.yuan(5L)).isEqualTo("0.05");
    }

    @Test
    void fractionsOfAFenNegativesAndNonNumbersAreRefusedNamingTheField() {
        for (String bad : new String[] {"0.001", "-1", "abc", "1e400"}) {
            assertThatThrownBy(() -> Money.fen("amountRecovered", bad)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.errors().getFirst().field()).isEqualTo("amountRecovered");
            });
        }
    }
}
