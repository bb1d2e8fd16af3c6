package io.gucun.membership.card;

import io.gucun.events.membership.CardStatus;
import static io.gucun.membership.card.CardAction.ACTIVATE;
import static io.gucun.membership.card.CardAction.CLOSE;
import static io.gucun.membership.card.CardAction.FREEZE;
import static io.gucun.membership.card.CardAction.REPLACE;
import static io.gucun.membership.card.CardAction.REPORT_LOST;
import static io.gucun.membership.card.CardAction.UNFREEZE;
import static io.gucun.events.membership.CardStatus.ACTIVE;
import static io.gucun.events.membership.CardStatus.CLOSED;
import static io.gucun.events.membership.CardStatus.FROZEN;
import static io.gucun.events.membership.CardStatus.ISSUED;
import static io.gucun.events.membership.CardStatus.LOST;
import static io.gucun.events.membership.CardStatus.REPLACED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardLifecycleTest {

    /** Every allowed move; everything else must be refused. */
    private static final Map<CardStatus, Map<CardAction, CardStatus>> ALLOWED = new EnumMap<>(Map.of(
            ISSUED, Map.of(ACTIVATE, ACTIVE, REPORT_LOST, LOST, REPLACE, REPLACED, CLOSE, CLOSED),
            ACTIVE, Map.of(FREEZE, FROZEN, REPORT_LOST, LOST, REPLACE, REPLACED, CLOSE, CLOSED),
            FROZEN, Map.of(UNFREEZE, ACTIVE, REPORT_LOST, LOST, CLOSE, CLOSED),
            LOST, Map.of(REPLACE, REPLACED),
            REPLACED, Map.of(),
            CLOSED, Map.of()));

    @Test
    void theWholeTable() {
        for (CardStatus from : CardStatus.values()) {
            for (CardAction action : CardAction.values()) {
                CardStatus expected = ALLOWED.get(from).get(action);
                if (expected != null) {
                    assertThat(CardLifecycle.next(from, action)).as("%s %s", from, action).isEqualTo(expected);
                } else {
                    assertThatThrownBy(() -> CardLifecycle.next(from, action)).as("%s %s", from, action)
                            .isInstanceOfSatisfying(ApiException.class, e -> {
                                assertThat(e.status()).isEqualTo(409);
                                assertThat(e.type()).isEqualTo("card-transition-not-allowed");
                                assertThat(e.getMessage()).contains(from.name()).contains(CardLifecycle.rule(action));
                            });
                }
            }
        }
    }

    @Test
    void liveStatesAndWhyACardCannotBeUsed() {
        assertThat(ISSUED.isLive()).isTrue();
        assertThat(FROZEN.isLive()).isTrue();
        assertThat(LOST.isLive()).isFalse();
        assertThat(REPLACED.isLive()).isFalse();
        assertThat(CardLifecycle.whyUnusable(ACTIVE)).isNull();
        assertThat(CardLifecycle.whyUnusable(FROZEN)).isEqualTo("card is frozen");
        assertThat(CardLifecycle.whyUnusable(LOST)).contains("lost");
        assertThat(CardLifecycle.whyUnusable(REPLACED)).contains("replaced");
        assertThat(CardLifecycle.whyUnusable(ISSUED)).contains("not activated");
    }
}
