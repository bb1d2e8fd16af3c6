package io.gucun.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAndDeliveryStateTest {

    private static final RetrySchedule FOUR = new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(60), 4, 0);
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void delaysDoubleUpToTheCap() {
        assertThat(FOUR.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(FOUR.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(FOUR.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(FOUR.delayAfter(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(FOUR.delayAfter(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void afterTheLastAttemptOfTheBudgetThereIsNoNextOne() {
        assertThat(FOUR.nextAttempt(1, T)).contains(T.plusSeconds(10));
        assertThat(FOUR.nextAttempt(3, T)).contains(T.plusSeconds(40));
        assertThat(FOUR.nextAttempt(4, T)).isEmpty();
    }

    @Test
    void jitterOnlyEverAddsUpToItsShare() {
        RetrySchedule jittered = new RetrySchedule(Duration.ofSeconds(100), Duration.ofSeconds(100), 5, 0.1);
        for (int i = 0; i < 100; i++) {
            Instant next = jittered.nextAttempt(1, T).orElseThrow();
            assertThat(next).isBetween(T.plusSeconds(100), T.plusSeconds(110));
        }
    }

    @Test
    void aScheduleMustMakeSense() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeliveryIsDeliveredOn2xxRetriedWhileTheBudgetLastsThenDead() {
        assertThat(DeliveryState.afterAttempt(DeliveryState.PENDING, true, 1, FOUR)).isEqualTo(DeliveryState.DELIVERED);
        assertThat(DeliveryState.afterAttempt(DeliveryState.PENDING, false, 3, FOUR)).isEqualTo(DeliveryState.PENDING);
        assertThat(DeliveryState.afterAttempt(DeliveryState.PENDING, false, 4, FOUR)).isEqualTo(DeliveryState.DEAD);
        assertThatThrownBy(() -> DeliveryState.afterAttempt(DeliveryState.DELIVERED, false, 1, FOUR)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyADeadDeliveryIsReplayedAndDeliveredIsFinal() {
        assertThat(DeliveryState.DEAD.canReplay()).isTrue();
        assertThat(DeliveryState.PENDING.canReplay()).isFalse();
        assertThat(DeliveryState.DELIVERED.canReplay()).isFalse();
        assertThat(DeliveryState.DELIVERED.next()).isEmpty();
        assertThat(DeliveryState.DEAD.next()).containsExactly(DeliveryState.PENDING);
    }

    @Test
    void only2xxCounts() {
        assertThat(DeliveryState.isSuccess(204)).isTrue();
        assertThat(DeliveryState.isSuccess(301)).isFalse();
        assertThat(DeliveryState.isSuccess(500)).isFalse();
        assertThat(DeliveryState.isSuccess(0)).isFalse();
    }
}
