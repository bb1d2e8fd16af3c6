package io.gucun.dues.rebate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShareSplitTest {

    @Test
    void theDownShareRoundsDownAndTheRemainderStaysUp() {
        // 80% of 1.01 yuan = 80.8 fen: 80 fen go down, 21 fen stay up.
        assertThat(ShareSplit.downShare(101, 8000)).isEqualTo(80);
        assertThat(ShareSplit.upShare(101, 8000)).isEqualTo(21);
        // 60% of 0.01 yuan = 0.6 fen: nothing goes down.
        assertThat(ShareSplit.downShare(1, 6000)).isZero();
        assertThat(ShareSplit.upShare(1, 6000)).isEqualTo(1);
        assertThat(ShareSplit.downShare(123_456, 10_000)).isEqualTo(123_456);
        assertThat(ShareSplit.downShare(123_456, 0)).isZero();
        assertThat(ShareSplit.downShare(60_000, 6000)).isEqualTo(36_000);
    }

    @Test
    void hugeAmountsDoNotOverflow() {
        long amount = Long.MAX_VALUE - 7;
        long down = ShareSplit.downShare(amount, 9999);
        assertThat(down).isEqualTo(new java.math.BigInteger(Long.toString(amount)).multiply(java.math.BigInteger.valueOf(9999))
                .divide(java.math.BigInteger.valueOf(10_000)).longValueExact());
    }

    @Test
    void thePartsAlwaysAddUpToTheAmount() {
        Random random = new Random(20261124L);
        for (int i = 0; i < 100_000; i++) {
            long amount = random.nextLong(1, 10_000_000_000L);
            int bp = random.nextInt(0, 10_001);
            long down = ShareSplit.downShare(amount, bp);
            assertThat(down + ShareSplit.upShare(amount, bp)).isEqualTo(amount);
            assertThat(down).isBetween(0L, amount);
            // Exactly floor(amount * bp / 10000).
            assertThat(down * 10_000 <= amount * bp && (down + 1) * 10_000 > amount * bp).isTrue();
        }
    }

    @Test
    void sharesOutsideZeroToHundredPercentAreRefused() {
        assertThatThrownBy(() -> ShareSplit.downShare(100, 10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShareSplit.downShare(100, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShareSplit.downShare(-100, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
