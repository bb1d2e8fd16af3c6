package io.gucun.dues.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemEntriesTest {

    @Test
    void eachSystemEntryNamesTheOperationThatCorrectsIt() {
        assertThat(SystemEntries.correction(EntryKind.FUND_COLLECTION, 7L)).contains("POST /api/dues/collections/7/void");
        assertThat(SystemEntries.correction(EntryKind.REBATE, 8L)).contains("POST /api/dues/rebate-runs/8/reversal");
        assertThat(SystemEntries.correction(EntryKind.SUBSIDY, 9L)).contains("POST /api/dues/grants/9/revocation");
        assertThat(SystemEntries.correction(EntryKind.BUDGET_ALLOCATION, null)).contains("POST /api/dues/budget-funds/{id}/withdrawals");
        // money that came through suspense: the collection's void undoes the suspension and the reassignment together
        assertThat(SystemEntries.correction(EntryKind.SUSPENDED_COLLECTION, 5L)).contains("POST /api/dues/collections/5/void");
        assertThat(SystemEntries.correction(EntryKind.SUSPENSE_REASSIGNMENT, 5L)).contains("POST /api/dues/collections/5/void");
    }

    @Test
    void manualEntriesSpendingAndDuesAreReversedDirectly() {
        for (EntryKind k : new EntryKind[] {EntryKind.MANUAL, EntryKind.BENEFIT_SPENDING, EntryKind.DUES_PAYMENT, EntryKind.REVERSAL}) {
            assertThat(SystemEntries.correction(k, 1L)).isEmpty();
        }
    }
}
