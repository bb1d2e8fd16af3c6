package io.gucun.rights.rightscase;

import io.gucun.events.rights.CaseState;
import static io.gucun.rights.rightscase.CaseAction.CLOSE;
import static io.gucun.rights.rightscase.CaseAction.REOPEN;
import static io.gucun.rights.rightscase.CaseAction.RESOLVE;
import static io.gucun.rights.rightscase.CaseAction.START;
import static io.gucun.rights.rightscase.CaseAction.TAKE_OVER;
import static io.gucun.rights.rightscase.CaseAction.WITHDRAW;
import static io.gucun.events.rights.CaseState.ACCEPTED;
import static io.gucun.events.rights.CaseState.CLOSED;
import static io.gucun.events.rights.CaseState.IN_PROGRESS;
import static io.gucun.events.rights.CaseState.REPORTED;
import static io.gucun.events.rights.CaseState.RESOLVED;
import static io.gucun.events.rights.CaseState.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.rights.deadline.DeadlineStep;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (state, action) pair: the allowed ones lead where the table says, every other one is a 409 listing the way on. */
class CaseStateMachineTest {

    /** The expected table, written out independently of the implementation. */
    private static final Map<CaseState, Map<CaseAction, CaseState>> ALLOWED = Map.of(
            REPORTED, Map.of(TAKE_OVER, ACCEPTED, CLOSE, CLOSED, WITHDRAW, WITHDRAWN),
            ACCEPTED, Map.of(START, IN_PROGRESS, CLOSE, CLOSED, WITHDRAW, WITHDRAWN),
            IN_PROGRESS, Map.of(RESOLVE, RESOLVED, CLOSE, CLOSED, WITHDRAW, WITHDRAWN),
            RESOLVED, Map.of(REOPEN, IN_PROGRESS, CLOSE, CLOSED),
            CLOSED, Map.of(),
            WITHDRAWN, Map.of());

    static Stream<Arguments> allowed() {
        return ALLOWED.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                .map(a -> Arguments.of(e.getKey(), a.getKey(), a.getValue())));
    }

    static Stream<Arguments> refused() {
        return Stream.of(CaseState.values()).flatMap(s -> Stream.of(CaseAction.values())
                .filter(a -> !ALLOWED.get(s).containsKey(a)).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowed")
    void allowedTransitionsLeadToTheirState(CaseState from, CaseAction action, CaseState to) {
        assertThat(CaseStateMachine.next(from, action)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @MethodSource("refused")
    void everyOtherTransitionIsA409ListingTheAllowedNextStates(CaseState from, CaseAction action) {
        assertThatThrownBy(() -> CaseStateMachine.next(from, action))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("case-transition-not-allowed");
                    assertThat(e.extensions().get("currentState")).isEqualTo(from.name());
                    assertThat(e.extensions().get("action")).isEqualTo(action.name());
                    @SuppressWarnings("unchecked")
                    List<String> next = (List<String>) e.extensions().get("allowedNextStates");
                    assertThat(next).containsExactlyInAnyOrderElementsOf(
                            ALLOWED.get(from).values().stream().distinct().map(Enum::name).toList());
                });
    }

    @Test
    void theTableCoversEveryPairAndFinalStatesGoNowhere() {
        assertThat(allowed().count() + refused().count()).isEqualTo((long) CaseState.values().length * CaseAction.values().length);
        assertThat(CaseStateMachine.allowedNext(CLOSED)).isEmpty();
        assertThat(CaseStateMachine.allowedNext(WITHDRAWN)).isEmpty();
        assertThat(CaseStateMachine.allowedNext(RESOLVED)).containsExactlyInAnyOrder(IN_PROGRESS, CLOSED);
        assertThat(CaseStateMachine.allowedActions(REPORTED)).containsExactlyInAnyOrder(TAKE_OVER, CLOSE, WITHDRAW);
    }

    @Test
    void openStatesRunADeadlineAndOthersDoNot() {
        assertThat(DeadlineStep.runningIn(REPORTED)).hasToString("TAKEOVER");
        assertThat(DeadlineStep.runningIn(ACCEPTED)).hasToString("START");
        assertThat(DeadlineStep.runningIn(IN_PROGRESS)).hasToString("RESOLUTION");
        assertThat(Stream.of(RESOLVED, CLOSED, WITHDRAWN).map(DeadlineStep::runningIn)).containsOnlyNulls();
    }
}
