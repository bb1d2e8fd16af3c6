package io.gucun.rights.rightscase;

import io.gucun.common.problem.ApiException;
import io.gucun.events.rights.CaseState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The case state machine:
 * <pre>
 * REPORTED    --TAKE_OVER--> ACCEPTED     --START--> IN_PROGRESS --RESOLVE--> RESOLVED --CLOSE--> CLOSED
 * RESOLVED    --REOPEN-->    IN_PROGRESS
 * REPORTED|ACCEPTED|IN_PROGRESS --CLOSE-->    CLOSED     (without resolution, reason required)
 * REPORTED|ACCEPTED|IN_PROGRESS --WITHDRAW--> WITHDRAWN
 * </pre>
 * CLOSED and WITHDRAWN are final. Anything else is refused with 409 {@code case-transition-not-allowed}, listing
 * the states the case may move to next.
 */
public final class CaseStateMachine {

    private static final Map<CaseState, Map<CaseAction, CaseState>> TRANSITIONS = new EnumMap<>(CaseState.class);

    static {
        for (CaseState s : CaseState.values()) {
            TRANSITIONS.put(s, new EnumMap<>(CaseAction.class));
        }
        TRANSITIONS.get(CaseState.REPORTED).put(CaseAction.TAKE_OVER, CaseState.ACCEPTED);
        TRANSITIONS.get(CaseState.ACCEPTED).put(CaseAction.START, CaseState.IN_PROGRESS);
        TRANSITIONS.get(CaseState.IN_PROGRESS).put(CaseAction.RESOLVE, CaseState.RESOLVED);
        TRANSITIONS.get(CaseState.RESOLVED).put(CaseAction.REOPEN, CaseState.IN_PROGRESS);
        TRANSITIONS.get(CaseState.RESOLVED).put(CaseAction.CLOSE, CaseState.CLOSED);
        for (CaseState open : List.of(CaseState.REPORTED, CaseState.ACCEPTED, CaseState.IN_PROGRESS)) {
            TRANSITIONS.get(open).put(CaseAction.CLOSE, CaseState.CLOSED);
            TRANSITIONS.get(open).put(CaseAction.WITHDRAW, CaseState.WITHDRAWN);
        }
    }

    private CaseStateMachine() {
    }

    /** The state after {@code action}, or a 409 problem listing the allowed next states. */
    public static CaseState next(CaseState from, CaseAction action) {
        CaseState to = TRANSITIONS.get(from).get(action);
        if (to == null) {
            Set<CaseState> allowed = allowedNext(from);
            throw new ApiException(409, "case-transition-not-allowed", "Conflict",
                    "a case that is " + from + " cannot " + action.name().toLowerCase().replace('_', ' ')
                            + (allowed.isEmpty() ? "; it is final" : "; it may move to " + allowed),
                    null, Map.of("currentState", from.name(), "action", action.name(),
                    "allowedNextStates", allowed.stream().map(Enum::name).toList()));
        }
        return to;
    }

    /** The states a case in {@code from} may move to next (empty for final states). */
    public static Set<CaseState> allowedNext(CaseState from) {
        Set<CaseState> out = EnumSet.noneOf(CaseState.class);
        out.addAll(TRANSITIONS.get(from).values());
        return out;
    }

    /** The actions possible in {@code from}. */
    public static Set<CaseAction> allowedActions(CaseState from) {
        Set<CaseAction> out = EnumSet.noneOf(CaseAction.class);
        out.addAll(TRANSITIONS.get(from).keySet());
        return out;
    }
}
