package io.gucun.dues.ledger;

import java.util.Optional;

/**
 * Entries the system posts for a business record (a collection, a rebate run, a grant, a fund allocation) are corrected
 * by that record's own operation, never by a bare ledger reversal: the record would stay as if posted.
 */
public final class SystemEntries {

    private SystemEntries() {
    }

    /** The operation that corrects an entry of this kind for the record {@code recordId}; empty for entries reversed directly. */
    public static Optional<String> correction(EntryKind kind, Long recordId) {
        String id = recordId == null ? "{id}" : recordId.toString();
        return switch (kind) {
            case FUND_COLLECTION, SUSPENDED_COLLECTION, SUSPENSE_REASSIGNMENT ->
                    Optional.of("POST /api/dues/collections/" + id + "/void");
            case REBATE -> Optional.of("POST /api/dues/rebate-runs/" + id + "/reversal");
            case SUBSIDY -> Optional.of("POST /api/dues/grants/" + id + "/revocation");
            case BUDGET_ALLOCATION -> Optional.of("POST /api/dues/budget-funds/" + id + "/withdrawals");
            default -> Optional.empty();
        };
    }

    /** The SQL that finds the record behind an entry of this kind (parameter: the entry id), or empty. */
    static Optional<String> recordQuery(EntryKind kind) {
        return switch (kind) {
            case FUND_COLLECTION, SUSPENDED_COLLECTION -> Optional.of("select c.id from fund_collection c join journal_entry e"
                    + " on e.source_ref = 'collection:' || c.partner_ref where e.id = ?1");
            case SUSPENSE_REASSIGNMENT -> Optional.of("select id from fund_collection where reassign_entry_id = ?1");
            case REBATE -> Optional.of("select id from rebate_run where journal_entry_id = ?1");
            case SUBSIDY -> Optional.of("select grant_id from grant_share where journal_entry_id = ?1 limit 1");
            case BUDGET_ALLOCATION -> Optional.of("select cast(split_part(source_ref, ':', 2) as bigint) from journal_entry"
                    + " where id = ?1");
            default -> Optional.empty();
        };
    }
}
