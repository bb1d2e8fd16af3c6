package io.gucun.dues.ledger;

import io.gucun.common.money.Money;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Manual entries, reversals, period closing and the trial balance. */
@ApplicationScoped
public class LedgerService {

    @Inject
    Ledger ledger;

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ManualEntryApproval manualEntries;

    /** What a manual entry came to: posted, or waiting for a second officer's approval (above the threshold). */
    public record ManualResult(LedgerDtos.EntryView posted, LedgerDtos.PendingEntryView pending) {
    }

    /**
     * Posts a manual entry; with an Idempotency-Key a retry returns the entry posted the first time. An entry moving
     * more than the approval threshold is not posted: it waits for a second officer (see {@link ManualEntryApproval}).
     */
    @Transactional
    public ManualResult manual(LedgerDtos.ManualEntry request, String idempotencyKey) {
        Period period = Period.parse("period", request.period(), clock);
        List<FieldError> errors = new ArrayList<>();
        List<JournalDraft.Leg> legs = new ArrayList<>();
        for (int i = 0; i < request.legs().size(); i++) {
            LedgerDtos.LegInput in = request.legs().get(i);
            KnownOrg org = KnownOrg.findById(in.orgId());
            if (org == null || !caller.covers(org.path)) {
                errors.add(new FieldError("legs[" + i + "].orgId", "names no organization in your scope"));
            }
            long fen;
            try {
                fen = Money.parse("legs[" + i + "].amount", in.amount());
            } catch (ApiException e) {
                errors.addAll(e.errors());
                continue;
            }
            legs.add(new JournalDraft.Leg(in.orgId(), in.purpose(), in.side(), fen));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String ref = idempotencyKey == null || idempotencyKey.isBlank() ? null : "manual:" + caller.username() + ":" + idempotencyKey;
        JournalDraft draft = new JournalDraft(EntryKind.MANUAL, period, request.description(), ref, null, legs)
                .requireBalanced("legs");
        if (draft.debits() > manualEntries.thresholdFen()) {
            return new ManualResult(null, manualEntries.propose(draft));
        }
        Optional<Ledger.Posted> posted = ledger.postOne(draft, caller.username());
        long id = posted.map(Ledger.Posted::entryId).orElseGet(() -> entryIdBySource(ref));
        Ledger.StoredEntry entry = ledger.entry(id).orElseThrow();
        if (posted.isEmpty() && !sameEntry(entry, draft)) {
            throw ApiException.idempotencyKeyReused();
        }
        return new ManualResult(LedgerDtos.EntryView.of(entry), null);
    }

    /** Whether a retry asks for the entry posted the first time: same period, description and legs (in any order). */
    static boolean sameEntry(Ledger.StoredEntry posted, JournalDraft draft) {
        List<String> postedLegs = new ArrayList<>(posted.legs().stream()
                .map(l -> l.orgId() + " " + l.purpose() + " " + l.side() + " " + l.amountFen()).sorted().toList());
        List<String> draftLegs = new ArrayList<>(draft.legs().stream()
                .map(l -> l.orgId() + " " + l.purpose() + " " + l.side() + " " + l.amountFen()).sorted().toList());
        return posted.period().equals(draft.period().toString())
                && java.util.Objects.equals(posted.description(), draft.description()) && postedLegs.equals(draftLegs);
    }

    /** Posts the reversal of an entry (once: a second request answers 409 naming the reversing entry). */
    @Transactional
    public LedgerDtos.EntryView reverse(long entryId, LedgerDtos.ReversalRequest request) {
        Ledger.StoredEntry original = visibleEntry(entryId);
        for (Ledger.StoredLeg leg : original.legs()) {
            KnownOrg org = KnownOrg.findById(leg.orgId());
            if (org == null || !caller.covers(org.path)) {
                throw ApiException.forbidden("the entry moves money of organizations outside your scope");
            }
        }
        Optional<String> correction = SystemEntries.correction(original.kind(), recordOf(original));
        if (correction.isPresent()) {
            throw new ApiException(422, "system-entry", "Rule violated", "entry " + entryId + " records a "
                    + original.kind() + " posted by the system; correct it with " + correction.get()
                    + ", which updates the record and the ledger together", List.of(new FieldError("id",
                    "is a system entry: use " + correction.get())), Map.of("operation", correction.get()));
        }
        if (original.kind() == EntryKind.REVERSAL) {
            throw ApiException.unprocessable("reversal-of-reversal", "entry " + entryId
                    + " is itself a reversal; post a new entry instead");
        }
        if (original.reversedByEntryId() != null) {
            throw alreadyReversed(entryId, original.reversedByEntryId());
        }
        Period period;
        if (request != null && request.period() != null && !request.period().isBlank()) {
            period = Period.parse("period", request.period(), clock);
        } else {
            Period own = new Period(YearMonth.parse(original.period()));
            period = ledger.openOrCurrent(own, clock);
        }
        String reason = request == null || request.reason() == null ? "" : ": " + request.reason();
        List<JournalDraft.Leg> legs = original.legs().stream()
                .map(l -> new JournalDraft.Leg(l.orgId(), l.purpose(), l.side(), l.amountFen())).toList();
        JournalDraft reversal = JournalDraft.reversalOf(entryId, legs, period, "reversal of entry " + entryId + reason);
        Optional<Ledger.Posted> posted = ledger.postOne(reversal, caller.username());
        if (posted.isEmpty()) {
            throw alreadyReversed(entryId, entryIdBySource(reversal.sourceRef()));
        }
        return LedgerDtos.EntryView.of(ledger.entry(posted.get().entryId()).orElseThrow());
    }

    private Long recordOf(Ledger.StoredEntry entry) {
        Optional<String> sql = SystemEntries.recordQuery(entry.kind());
        if (sql.isEmpty()) {
            return null;
        }
        List<?> rows = em.createNativeQuery(sql.get()).setParameter(1, entry.id()).getResultList();
        return rows.isEmpty() ? null : ((Number) rows.getFirst()).longValue();
    }

    /**
     * Posts the reversal of a system entry for the operation that corrects its record (void, reversal of a run,
     * revocation), in the caller's transaction, booked in the entry's own period while it is open, else in the current
     * month. 403 when the entry moves money of orgs outside the caller's scope; 422 insufficient-funds when the money
     * has been spent since. Returns the reversing entry's id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long reverseForCorrection(long entryId, String description) {
        Ledger.StoredEntry original = ledger.entry(entryId).orElseThrow(() -> ApiException.notFound("journal entry", entryId));
        for (Ledger.StoredLeg leg : original.legs()) {
            KnownOrg org = KnownOrg.findById(leg.orgId());
            if (!caller.isAdmin() && (org == null || !caller.covers(org.path))) {
                throw ApiException.forbidden("the entry moves money of organizations outside your scope");
            }
        }
        if (original.reversedByEntryId() != null) {
            throw alreadyReversed(entryId, original.reversedByEntryId());
        }
        Period period = ledger.openOrCurrent(new Period(YearMonth.parse(original.period())), clock);
        List<JournalDraft.Leg> legs = original.legs().stream()
                .map(l -> new JournalDraft.Leg(l.orgId(), l.purpose(), l.side(), l.amountFen())).toList();
        JournalDraft reversal = JournalDraft.reversalOf(entryId, legs, period, description);
        return ledger.postOne(reversal, caller.username()).map(Ledger.Posted::entryId)
                .orElseThrow(() -> alreadyReversed(entryId, entryIdBySource(reversal.sourceRef())));
    }

    /**
     * Locks the row of a record about to be corrected; {@code sql} selects it by id (?1) with the org holding it first.
     * 404 when there is none or that org is outside the caller's scope.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Object[] lockForCorrection(String sql, long id, String what) {
        List<Object[]> rows = em.createNativeQuery(sql + " for update").setParameter(1, id).getResultList();
        KnownOrg org = rows.isEmpty() ? null : KnownOrg.findById(((Number) rows.getFirst()[0]).longValue());
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound(what, id);
        }
        return rows.getFirst();
    }

    private static ApiException alreadyReversed(long entryId, long by) {
        return ApiException.conflict("already-reversed", "entry " + entryId + " was already reversed by entry " + by,
                Map.of("reversedByEntryId", by));
    }

    /** The entry if the caller may see it: admins all, officers those touching an org in their subtree. */
    public Ledger.StoredEntry visibleEntry(long entryId) {
        Ledger.StoredEntry e = ledger.entry(entryId).orElseThrow(() -> ApiException.notFound("journal entry", entryId));
        if (!caller.isAdmin()) {
            boolean touches = e.legs().stream().anyMatch(l -> {
                KnownOrg org = KnownOrg.findById(l.orgId());
                return org != null && caller.covers(org.path);
            });
            if (!touches) {
                throw ApiException.notFound("journal entry", entryId);
            }
        }
        return e;
    }

    @Transactional
    public LedgerDtos.PeriodView close(String rawPeriod) {
        Period period = Period.parse("period", rawPeriod, clock);
        ledger.close(period, caller.username());
        return periods().stream().filter(p -> p.period().equals(period.toString())).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    public List<LedgerDtos.PeriodView> periods() {
        // A month before the last closed one reads CLOSED too (closing a month closes every month before it).
        List<Object[]> rows = em.createNativeQuery("select period, case when status = 'CLOSED' or period < (select max(period)"
                + " from accounting_period where status = 'CLOSED') then 'CLOSED' else status end, closed_at, closed_by"
                + " from accounting_period order by period desc").getResultList();
        return rows.stream().map(r -> new LedgerDtos.PeriodView((String) r[0], (String) r[1],
                r[2] == null ? null : LedgerTimes.instant(r[2]), (String) r[3])).toList();
    }

    long entryIdBySource(String sourceRef) {
        return ((Number) em.createNativeQuery("select id from journal_entry where source_ref = ?1")
                .setParameter(1, sourceRef).getSingleResult()).longValue();
    }

    /** Debits and credits of one period, or of all periods with a line per period. */
    public LedgerDtos.TrialBalance trialBalance(String rawPeriod) {
        if (rawPeriod != null && !rawPeriod.isBlank()) {
            Period period = Period.parse("period", rawPeriod, clock);
            return totals(period.toString());
        }
        LedgerDtos.TrialBalance all = totals(null);
        @SuppressWarnings("unchecked")
        List<String> periods = em.createNativeQuery("select distinct period from journal_entry order by period").getResultList();
        List<LedgerDtos.TrialBalance> each = periods.stream().map(this::totals).toList();
        return new LedgerDtos.TrialBalance(null, all.entries(), all.debits(), all.credits(), all.debitsFen(),
                all.creditsFen(), all.balanced(), all.currency(), all.byPurpose(), each);
    }

    @SuppressWarnings("unchecked")
    private LedgerDtos.TrialBalance totals(String period) {
        String where = period == null ? "" : " where period = ?1";
        var q = em.createNativeQuery("select purpose, coalesce(sum(case when side = 'D' then amount_fen end), 0),"
                + " coalesce(sum(case when side = 'C' then amount_fen end), 0) from journal_leg" + where
                + " group by purpose order by purpose");
        var n = em.createNativeQuery("select count(*) from journal_entry" + where);
        if (period != null) {
            q.setParameter(1, period);
            n.setParameter(1, period);
        }
        long debits = 0;
        long credits = 0;
        List<LedgerDtos.PurposeTotals> byPurpose = new ArrayList<>();
        for (Object[] r : (List<Object[]>) q.getResultList()) {
            AccountPurpose purpose = AccountPurpose.valueOf((String) r[0]);
            long d = ((Number) r[1]).longValue();
            long c = ((Number) r[2]).longValue();
            debits += d;
            credits += c;
            byPurpose.add(new LedgerDtos.PurposeTotals(purpose, Money.format(d), Money.format(c),
                    Money.format(purpose.debitSign() > 0 ? d - c : c - d)));
        }
        long entries = ((Number) n.getSingleResult()).longValue();
        return new LedgerDtos.TrialBalance(period, entries, Money.format(debits), Money.format(credits), debits, credits,
                debits == credits, Money.CURRENCY, byPurpose, null);
    }
}
