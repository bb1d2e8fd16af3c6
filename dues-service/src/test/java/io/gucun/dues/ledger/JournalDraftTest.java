package io.gucun.dues.ledger;

import static io.gucun.dues.ledger.AccountPurpose.CASH;
import static io.gucun.dues.ledger.AccountPurpose.COLLECTED_FUNDS;
import static io.gucun.dues.ledger.JournalDraft.Side.C;
import static io.gucun.dues.ledger.JournalDraft.Side.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.dues.ledger.JournalDraft.Leg;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalDraftTest {

    private static final Period P = new Period(YearMonth.of(2026, 11));

    private static JournalDraft draft(Leg... legs) {
        return new JournalDraft(EntryKind.MANUAL, P, "test", null, null, List.of(legs));
    }

    @Test
    void aBalancedEntryHasNoProblems() {
        JournalDraft d = draft(new Leg(1, CASH, D, 500), new Leg(1, COLLECTED_FUNDS, C, 300), new Leg(2, COLLECTED_FUNDS, C, 200));
        assertThat(d.problems("legs")).isEmpty();
        assertThat(d.debits()).isEqualTo(500);
        assertThat(d.credits()).isEqualTo(500);
    }

    @Test
    void anUnbalancedEntryIsRefusedNamingTheLegs() {
        JournalDraft d = draft(new Leg(1, CASH, D, 500), new Leg(1, COLLECTED_FUNDS, C, 499));
        assertThat(d.problems("legs")).extracting(FieldError::field).containsExactly("legs");
        assertThat(d.problems("legs").getFirst().message()).contains("5.00").contains("4.99");
        assertThatThrownBy(() -> d.requireBalanced("legs")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).type()).isEqualTo("unbalanced-entry"));
    }

    @Test
    void zeroAndNegativeLegsAndOneSidedEntriesAreRefused() {
        assertThat(draft(new Leg(1, CASH, D, 0), new Leg(1, COLLECTED_FUNDS, C, 0)).problems("legs"))
                .extracting(FieldError::field).containsExactly("legs[0].amount", "legs[1].amount");
        assertThat(draft(new Leg(1, CASH, D, -5), new Leg(1, COLLECTED_FUNDS, C, -5)).problems("legs")).hasSize(2);
        assertThat(draft(new Leg(1, CASH, D, 5)).problems("legs")).extracting(FieldError::field).contains("legs");
    }

    @Test
    void aReversalSwapsEverySideAndPointsAtTheOriginal() {
        List<Leg> original = List.of(new Leg(1, CASH, D, 700), new Leg(1, COLLECTED_FUNDS, C, 700));
        JournalDraft r = JournalDraft.reversalOf(42, original, P, "fix");
        assertThat(r.kind()).isEqualTo(EntryKind.REVERSAL);
        assertThat(r.reversesEntryId()).isEqualTo(42);
        assertThat(r.sourceRef()).isEqualTo("reversal:42");
        assertThat(r.legs()).containsExactly(new Leg(1, CASH, C, 700), new Leg(1, COLLECTED_FUNDS, D, 700));
        assertThat(r.problems("legs")).isEmpty();
    }
}
