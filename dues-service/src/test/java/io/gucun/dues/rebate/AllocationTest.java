package io.gucun.dues.rebate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.money.Money;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Largest-remainder allocation: no fen lost or made, each part within a fen of its exact share, for any amount. */
class AllocationTest {

    @Test
    void manyRandomAmountsAndSharesAlwaysAddUpAndStayWithinAFenOfTheExactShare() {
        Random random = new Random(21);
        for (int run = 0; run < 20_000; run++) {
            long amount = switch (run % 4) {
                case 0 -> random.nextInt(100);
                case 1 -> random.nextLong(10_000_000L);
                case 2 -> Money.MAX_FEN - random.nextInt(1_000);
                default -> random.nextLong(Money.MAX_FEN);
            };
            Map<ShareLevel, Integer> shares = randomShares(random);
            List<Allocation.Part> parts = Allocation.divide(amount, shares);
            assertThat(parts.stream().mapToLong(Allocation.Part::fen).sum()).as("run %d", run).isEqualTo(amount);
            long roundedUp = parts.stream().filter(Allocation.Part::roundedUp).count();
            assertThat(roundedUp).isLessThan(parts.size());
            for (Allocation.Part p : parts) {
                java.math.BigInteger exactTimes10000 = java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(p.bp()));
                java.math.BigInteger floor = exactTimes10000.divide(java.math.BigInteger.valueOf(10_000));
                assertThat(p.fen()).isEqualTo(floor.longValueExact() + (p.roundedUp() ? 1 : 0));
                assertThat(p.fen()).isNotNegative();
            }
        }
    }

    @Test
    void overrideWeightsOfAnyTotalAddUpToo() {
        Random random = new Random(4);
        for (int run = 0; run < 5_000; run++) {
            long amount = random.nextLong(Money.MAX_FEN);
            Map<ShareLevel, Long> weights = new LinkedHashMap<>();
            int g = random.nextInt(10_001);
            weights.put(ShareLevel.GRASSROOTS, (long) g * 2000);
            weights.put(ShareLevel.TOWN, (long) (10_000 - g) * 1500);
            weights.put(ShareLevel.DISTRICT, (long) (10_000 - g) * 500);
            assertThat(Allocation.byWeight(amount, weights).stream().mapToLong(Allocation.Part::fen).sum()).isEqualTo(amount);
        }
    }

    @Test
    void leftOverFenGoToTheLargestFractionsTiesToTheGrassroots() {
        Map<ShareLevel, Integer> thirds = new LinkedHashMap<>();
        thirds.put(ShareLevel.GRASSROOTS, 3334);
        thirds.put(ShareLevel.TOWN, 3333);
        thirds.put(ShareLevel.DISTRICT, 3333);
        // 1 fen: 0.3334 / 0.3333 / 0.3333 → the grassroots gets it.
        assertThat(Allocation.divide(1, thirds)).extracting(Allocation.Part::fen).containsExactly(1L, 0L, 0L);
        Map<ShareLevel, Integer> even = new LinkedHashMap<>();
        even.put(ShareLevel.GRASSROOTS, 5000);
        even.put(ShareLevel.TOWN, 5000);
        assertThat(Allocation.divide(3, even)).extracting(Allocation.Part::fen).containsExactly(2L, 1L);
    }

    @Test
    void sharesMustAddUpToAHundredPercent() {
        assertThatThrownBy(() -> Allocation.divide(100, Map.of(ShareLevel.GRASSROOTS, 8000, ShareLevel.TOWN, 1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9000");
        assertThatThrownBy(() -> Allocation.divide(-1, Map.of(ShareLevel.GRASSROOTS, 10_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<ShareLevel, Integer> randomShares(Random random) {
        Map<ShareLevel, Integer> shares = new EnumMap<>(ShareLevel.class);
        int left = 10_000;
        ShareLevel[] levels = ShareLevel.values();
        for (int i = 0; i < levels.length - 1; i++) {
            int bp = random.nextInt(left + 1);
            shares.put(levels[i], bp);
            left -= bp;
        }
        shares.put(levels[levels.length - 1], left);
        return shares;
    }
}
