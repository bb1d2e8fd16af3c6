package io.gucun.dues.ledger;

import static io.gucun.dues.ledger.AccountPurpose.BUDGET;
import static io.gucun.dues.ledger.AccountPurpose.CASH;
import static io.gucun.dues.ledger.AccountPurpose.COLLECTED_FUNDS;
import static io.gucun.dues.ledger.AccountPurpose.GRASSROOTS_SHARE;
import static io.gucun.dues.ledger.AccountPurpose.MEMBER_BENEFITS;
import static io.gucun.dues.ledger.AccountPurpose.PREPARATORY_FUND;
import static io.gucun.dues.ledger.AccountPurpose.SUBSIDIES;
import static io.gucun.dues.ledger.AccountPurpose.SUSPENSE;
import static io.gucun.dues.ledger.AccountPurpose.UPPER_SHARE;
import static io.gucun.dues.ledger.JournalDraft.Side.C;
import static io.gucun.dues.ledger.JournalDraft.Side.D;

import io.gucun.dues.ledger.JournalDraft.Leg;
import io.gucun.dues.ledger.JournalDraft.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each business fact is booked. Money enters the ledger only by collections and dues (debit CASH) and leaves only
 * by spending on members (credit CASH); everything else moves it between orgs and purposes.
 */
public final class Postings {

    private Postings() {
    }

    /** Union funds received by the collecting org: cash in, held as collected funds until the rebate run. */
    public static JournalDraft collection(long collectingOrgId, Period period, long fen, String sourceRef, String description) {
        return new JournalDraft(EntryKind.FUND_COLLECTION, period, description, sourceRef, null,
                List.of(new Leg(collectingOrgId, CASH, D, fen), new Leg(collectingOrgId, COLLECTED_FUNDS, C, fen)));
    }

    /** Union funds from a firm the union has not registered: cash in at the suspense org, held in SUSPENSE. */
    public static JournalDraft suspendedCollection(long suspenseOrgId, Period period, long fen, String sourceRef,
                                                   String description) {
        return new JournalDraft(EntryKind.SUSPENDED_COLLECTION, period, description, sourceRef, null,
                List.of(new Leg(suspenseOrgId, CASH, D, fen), new Leg(suspenseOrgId, SUSPENSE, C, fen)));
    }

    /**
     * Suspended funds reassigned to the registered firm: out of SUSPENSE at the suspense org into the collected funds of
     * the firm's collecting org; the cash moves with them when that is another org.
     */
    public static JournalDraft suspenseReassignment(long suspenseOrgId, long collectingOrgId, Period period, long fen,
                                                    String sourceRef, String description) {
        List<Leg> legs = new ArrayList<>(List.of(new Leg(suspenseOrgId, SUSPENSE, D, fen),
                new Leg(collectingOrgId, COLLECTED_FUNDS, C, fen)));
        if (suspenseOrgId != collectingOrgId) {
            legs.add(new Leg(collectingOrgId, CASH, D, fen));
            legs.add(new Leg(suspenseOrgId, CASH, C, fen));
        }
        return new JournalDraft(EntryKind.SUSPENSE_REASSIGNMENT, period, description, sourceRef, null, legs);
    }

    /** Dues paid by a member to their org. */
    public static JournalDraft duesPayment(long orgId, Period period, long fen, String sourceRef, String description) {
        return new JournalDraft(EntryKind.DUES_PAYMENT, period, description, sourceRef, null,
                List.of(new Leg(orgId, CASH, D, fen), new Leg(orgId, COLLECTED_FUNDS, C, fen)));
    }

    /** Where one collection's money goes in a rebate run. */
    public record RebateShare(long grassrootsOrgId, long grassrootsFen, long preparatoryFen, long upperFen) {
        public long total() {
            return grassrootsFen + preparatoryFen + upperFen;
        }
    }

    /**
     * A rebate run of one collecting org: the collected funds are released; the upper share stays as UPPER_SHARE, the
     * preparatory fund stays at the collecting org for enterprises without a union, and each grassroots share moves down
     * (cash leaves the collecting org and arrives at the grassroots org). Legs are summed per account.
     */
    public static JournalDraft rebate(long collectingOrgId, Period period, List<RebateShare> shares, String sourceRef,
                                      String description) {
        Map<String, Leg> legs = new LinkedHashMap<>();
        for (RebateShare s : shares) {
            add(legs, collectingOrgId, COLLECTED_FUNDS, D, s.total());
            add(legs, collectingOrgId, UPPER_SHARE, C, s.upperFen());
            add(legs, collectingOrgId, PREPARATORY_FUND, C, s.preparatoryFen());
            if (s.grassrootsOrgId() == collectingOrgId) {
                add(legs, collectingOrgId, GRASSROOTS_SHARE, C, s.grassrootsFen());
            } else {
                add(legs, s.grassrootsOrgId(), GRASSROOTS_SHARE, C, s.grassrootsFen());
                add(legs, s.grassrootsOrgId(), CASH, D, s.grassrootsFen());
                add(legs, collectingOrgId, CASH, C, s.grassrootsFen());
            }
        }
        return new JournalDraft(EntryKind.REBATE, period, description, sourceRef, null, new ArrayList<>(legs.values()));
    }

    /** What one org receives into one of its accounts out of a distribution. */
    public record Receipt(long orgId, AccountPurpose purpose, long fen) {
    }

    /**
     * Money leaving {@code fromPurpose} at {@code fromOrgId} for the receiving orgs' accounts: a rebate run across every
     * level (from COLLECTED_FUNDS) or the release of a held share (from PREPARATORY_FUND). A receipt of another org
     * moves cash down or up the tree with it; one of the distributing org stays in its cash. Legs are summed per account.
     */
    public static JournalDraft distribution(EntryKind kind, long fromOrgId, AccountPurpose fromPurpose, Period period,
                                            List<Receipt> receipts, String sourceRef, String description) {
        Map<String, Leg> legs = new LinkedHashMap<>();
        for (Receipt r : receipts) {
            add(legs, fromOrgId, fromPurpose, D, r.fen());
            add(legs, r.orgId(), r.purpose(), C, r.fen());
            if (r.orgId() != fromOrgId) {
                add(legs, r.orgId(), CASH, D, r.fen());
                add(legs, fromOrgId, CASH, C, r.fen());
            }
        }
        return new JournalDraft(kind, period, description, sourceRef, null, new ArrayList<>(legs.values()));
    }

    /** A payer of a subsidy and how much it pays. */
    public record Payer(long orgId, long fen) {
    }

    /**
     * A grant (recruitment subsidy, start-up grant, "两非一无" funding): each payer spends from its upper share out of the
     * budget it allocated to the programme; the recipient org receives the cash.
     */
    public static JournalDraft subsidy(long recipientOrgId, List<Payer> payers, Period period, String sourceRef,
                                       String description) {
        Map<String, Leg> legs = new LinkedHashMap<>();
        for (Payer p : payers) {
            add(legs, p.orgId(), UPPER_SHARE, D, p.fen());
            add(legs, p.orgId(), BUDGET, C, p.fen());
            add(legs, recipientOrgId, CASH, D, p.fen());
            add(legs, recipientOrgId, SUBSIDIES, C, p.fen());
        }
        return new JournalDraft(EntryKind.SUBSIDY, period, description, sourceRef, null, new ArrayList<>(legs.values()));
    }

    /** Cash a paying org sets aside for a programme fund (positive), or takes back from it (negative). */
    public static JournalDraft budgetAllocation(long payerOrgId, Period period, long fen, String sourceRef, String description) {
        Side toBudget = fen > 0 ? D : C;
        Side fromCash = fen > 0 ? C : D;
        return new JournalDraft(EntryKind.BUDGET_ALLOCATION, period, description, sourceRef, null,
                List.of(new Leg(payerOrgId, BUDGET, toBudget, Math.abs(fen)), new Leg(payerOrgId, CASH, fromCash, Math.abs(fen))));
    }

    /** Money spent on members (benefits, services): leaves the ledger. */
    public static JournalDraft benefitSpending(long orgId, Period period, long fen, String sourceRef, String description) {
        return new JournalDraft(EntryKind.BENEFIT_SPENDING, period, description, sourceRef, null,
                List.of(new Leg(orgId, MEMBER_BENEFITS, D, fen), new Leg(orgId, CASH, C, fen)));
    }

    /** Adds to the leg of that account and side; a debit and a credit of the same account are kept apart. Zero adds nothing. */
    private static void add(Map<String, Leg> legs, long orgId, AccountPurpose purpose, Side side, long fen) {
        if (fen == 0) {
            return;
        }
        legs.merge(orgId + ":" + purpose + ":" + side, new Leg(orgId, purpose, side, fen),
                (a, b) -> new Leg(orgId, purpose, side, a.amountFen() + b.amountFen()));
    }
}
