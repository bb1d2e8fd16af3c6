package io.gucun.dues.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ledger's set-based posting: each source reference posts once, within one call and across calls, with all its legs. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class LedgerPostTest {

    @Inject
    Ledger ledger;

    static final Period PERIOD = new Period(YearMonth.now(ZoneOffset.UTC).minusMonths(2));

    static JournalDraft collection(String ref, long fen) {
        return Postings.collection(96101, PERIOD, fen, ref, "test collection " + ref);
    }

    static long number(String sql, Object... args) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = LedgerAccount.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.setParameter(i + 1, args[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    @Test
    void aSourceReferencePostsOnceWithinOneCallAndAcrossCalls() {
        List<Optional<Ledger.Posted>> first = QuarkusTransaction.requiringNew().call(() -> ledger.post(List.of(
                collection("lpt:a", 100), collection("lpt:b", 250), collection("lpt:a", 999)), "tester"));
        assertThat(first.get(0)).isPresent();
        assertThat(first.get(1)).isPresent();
        assertThat(first.get(2)).as("the same reference later in the same call").isEmpty();
        assertThat(first.get(0).get().transactionId()).isNotNull().isNotEqualTo(first.get(1).get().transactionId());

        List<Optional<Ledger.Posted>> again = QuarkusTransaction.requiringNew().call(() -> ledger.post(List.of(
                collection("lpt:b", 250), collection("lpt:c", 70)), "tester"));
        assertThat(again.get(0)).as("posted by the earlier call").isEmpty();
        assertThat(again.get(1)).isPresent();

        // The first of the two "lpt:a" drafts won, and every posted entry has exactly its own legs.
        assertThat(number("select sum(amount_fen) from journal_leg l join journal_entry e on e.id = l.entry_id"
                + " where e.source_ref = 'lpt:a' and l.side = 'D'")).isEqualTo(100);
        for (Optional<Ledger.Posted> p : List.of(first.get(0), first.get(1), again.get(1))) {
            long id = p.orElseThrow().entryId();
            assertThat(number("select count(*) from journal_leg where entry_id = ?1 and transaction_id = ?2", id,
                    p.get().transactionId())).isEqualTo(2);
        }
        assertThat(number("select count(*) from journal_entry where source_ref like 'lpt:%'")).isEqualTo(3);
    }

    @Test
    void aBatchLargerThanOneStatementPostsEveryEntryAndLeg() {
        int n = Ledger.ROWS_PER_STATEMENT + 7;
        List<JournalDraft> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drafts.add(collection("lpt-big:" + i, 1 + i % 500));
        }
        List<Optional<Ledger.Posted>> posted = QuarkusTransaction.requiringNew().call(() -> ledger.post(drafts, "tester"));
        assertThat(posted).hasSize(n).allMatch(Optional::isPresent);
        assertThat(number("select count(*) from journal_leg l join journal_entry e on e.id = l.entry_id"
                + " where e.source_ref like 'lpt-big:%'")).isEqualTo(2L * n);
        long expected = drafts.stream().mapToLong(JournalDraft::debits).sum();
        assertThat(number("select sum(amount_fen) from journal_leg l join journal_entry e on e.id = l.entry_id"
                + " where e.source_ref like 'lpt-big:%' and l.side = 'C'")).isEqualTo(expected);
    }

    @Test
    void anUnbalancedDraftPostsNothingOfTheCall() {
        JournalDraft unbalanced = new JournalDraft(EntryKind.FUND_COLLECTION, PERIOD, "bad", "lpt-bad:1", null,
                List.of(new JournalDraft.Leg(96101, AccountPurpose.CASH, JournalDraft.Side.D, 10),
                        new JournalDraft.Leg(96101, AccountPurpose.COLLECTED_FUNDS, JournalDraft.Side.C, 9)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> ledger.post(
                List.of(collection("lpt-bad:0", 5), unbalanced), "tester"))).isInstanceOf(ApiException.class);
        assertThat(number("select count(*) from journal_entry where source_ref like 'lpt-bad:%'")).isZero();
    }
}
