package io.gucun.membership.card;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.CardStatus;
import java.util.Map;

/**
 * The card state machine:
 * <pre>
 * ISSUED  --ACTIVATE-->    ACTIVE          (the member or an officer)
 * ACTIVE  --FREEZE-->      FROZEN          (officer, reason required)
 * FROZEN  --UNFREEZE-->    ACTIVE          (officer)
 * ISSUED|ACTIVE|FROZEN --REPORT_LOST--> LOST   (the member or an officer)
 * ISSUED|ACTIVE|LOST --REPLACE--> REPLACED (and a new card is ISSUED; a frozen card must be unfrozen first)
 * ISSUED|ACTIVE|FROZEN --CLOSE--> CLOSED   (the member left)
 * </pre>
 * REPLACED and CLOSED are final; LOST only allows REPLACE. Anything else is refused with 409
 * {@code card-transition-not-allowed} naming the rule.
 */
public final class CardLifecycle {

    private CardLifecycle() {
    }

    /** The state after {@code action}, or a 409 problem naming the broken rule. */
    public static CardStatus next(CardStatus from, CardAction action) {
        CardStatus to = switch (action) {
            case ACTIVATE -> from == CardStatus.ISSUED ? CardStatus.ACTIVE : null;
            case FREEZE -> from == CardStatus.ACTIVE ? CardStatus.FROZEN : null;
            case UNFREEZE -> from == CardStatus.FROZEN ? CardStatus.ACTIVE : null;
            case REPORT_LOST -> from.isLive() ? CardStatus.LOST : null;
            case REPLACE -> from == CardStatus.ISSUED || from == CardStatus.ACTIVE || from == CardStatus.LOST
                    ? CardStatus.REPLACED : null;
            case CLOSE -> from.isLive() ? CardStatus.CLOSED : null;
        };
        if (to == null) {
            throw new ApiException(409, "card-transition-not-allowed", "Conflict",
                    "cannot " + action.name().toLowerCase().replace('_', ' ') + " a card that is " + from + ": " + rule(action),
                    null, Map.of("from", from.name(), "action", action.name()));
        }
        return to;
    }

    /** The rule an action obeys, for problem details. */
    static String rule(CardAction action) {
        return switch (action) {
            case ACTIVATE -> "only an ISSUED card can be activated";
            case FREEZE -> "only an ACTIVE card can be frozen";
            case UNFREEZE -> "only a FROZEN card can be unfrozen";
            case REPORT_LOST -> "only a live (ISSUED, ACTIVE or FROZEN) card can be reported lost";
            case REPLACE -> "only an ISSUED, ACTIVE or LOST card can be replaced; a FROZEN card must be unfrozen first";
            case CLOSE -> "only a live card can be closed";
        };
    }

    /** Why a card in {@code status} cannot be used, e.g. "card is frozen"; null when it is ACTIVE. */
    public static String whyUnusable(CardStatus status) {
        return switch (status) {
            case ACTIVE -> null;
            case ISSUED -> "card is not activated yet";
            case FROZEN -> "card is frozen";
            case LOST -> "card is reported lost";
            case REPLACED -> "card is replaced";
            case CLOSED -> "card is closed";
        };
    }
}
