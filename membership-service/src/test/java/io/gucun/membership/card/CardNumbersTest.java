package io.gucun.membership.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

    @Test
    void knownLuhnVectors() {
        assertThat(CardNumbers.luhnValid("79927398713")).isTrue();
        assertThat(CardNumbers.luhnValid("4111111111111111")).isTrue();
        assertThat(CardNumbers.luhnValid("6011111111111117")).isTrue();
        assertThat(CardNumbers.luhnValid("79927398710")).isFalse();
        assertThat(CardNumbers.luhnValid("4111111111111112")).isFalse();
        assertThat(CardNumbers.luhnValid("41111111111111a1")).isFalse();
        assertThat(CardNumbers.luhnValid("")).isFalse();
        assertThat(CardNumbers.luhnValid(null)).isFalse();
        assertThat(CardNumbers.checkDigit("7992739871")).isEqualTo('3');
        assertThat(CardNumbers.checkDigit("411111111111111")).isEqualTo('1');
    }

    @Test
    void composedNumbersHave19DigitsThePrefixTheOrgAndAValidCheckDigit() {
        String n = CardNumbers.compose(42, 17);
        assertThat(n).hasSize(19).startsWith("6210000042").matches("[0-9]{19}");
        assertThat(n.substring(10, 18)).isEqualTo("00000017");
        assertThat(CardNumbers.isValid(n)).isTrue();
        assertThat(CardNumbers.compose(1_234_567, 99_999_999)).startsWith("6210234567").satisfies(
                x -> assertThat(CardNumbers.isValid(x)).isTrue());
        assertThatThrownBy(() -> CardNumbers.compose(1, 100_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangedDigitOrASwapOfNeighboursIsCaught() {
        String n = CardNumbers.compose(42, 17);
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            String changed = n.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + n.substring(i + 1);
            assertThat(CardNumbers.luhnValid(changed)).as("digit %d changed", i).isFalse();
        }
        String swapped = n.substring(0, 16) + n.charAt(17) + n.charAt(16) + n.charAt(18);
        if (n.charAt(16) != n.charAt(17)) {
            assertThat(CardNumbers.luhnValid(swapped)).isFalse();
        }
        assertThat(CardNumbers.isValid("5210" + n.substring(4))).isFalse();
        assertThat(CardNumbers.isValid(n.substring(1))).isFalse();
    }

    @Test
    void maskingShowsOnlyThePrefixAndTheLastFour() {
        String n = CardNumbers.compose(42, 1234);
        assertThat(CardNumbers.masked(n)).isEqualTo("6210 **** **** ***" + n.substring(15));
        assertThat(CardNumbers.grouped("6210000042000012345")).isEqualTo("6210 0000 4200 0012 345");
    }
}
