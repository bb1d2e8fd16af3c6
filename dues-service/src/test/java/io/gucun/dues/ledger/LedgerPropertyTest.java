package io.gucun.dues.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.dues.rebate.Allocation;
import io.gucun.dues.rebate.ShareLevel;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style: random sequences of collections (some held in suspense, then reassigned), dues, rebates, subsidies,
 * spending and reversals, booked the way the
 * services book them, keep every period balanced, and the cash on the ledger always equals the money that came in minus
 * the money spent on members (tallied independently of the legs): no fen is created or lost.
 */
class LedgerPropertyTest {

    private static final long[] COLLECTING = {10, 20};
    private static final long[] GRASSROOTS = {11, 12, 21, 22};
    /** Holds money from firms the union has not registered. */
    private static final long SUSPENSE_ORG = 1;

    private record Booked(JournalDraft draft, long externalEffectFen) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261124L, 7_777_777L, 123_456_789L})
    void randomSequencesStayBalancedAndConserveEveryFen(long seed) {
        Random random = new Random(seed);
        List<Booked> booked = new ArrayList<>();
        Set<Integer> reversed = new HashSet<>();
        // Unrebated collections per collecting org and period.
        Map<String, List<Long>> pending = new HashMap<>();
        // Suspended collections (period, fen) not reassigned yet.
        List<Map.Entry<Period, Long>> suspended = new ArrayList<>();
        long expectedCash = 0;
        int refs = 0;
        for (int step = 0; step < 2_000; step++) {
            Period period = new Period(YearMonth.of(2026, 1 + random.nextInt(11)));
            int op = random.nextInt(100);
            JournalDraft draft;
            long external = 0;
            if (op < 37 && op >= 33) {
                if (suspended.isEmpty() || random.nextBoolean()) {
                    long fen = random.nextLong(1, 50_000_000);
                    draft = Postings.suspendedCollection(SUSPENSE_ORG, period, fen, "u" + refs++, "suspended collection");
                    suspended.add(Map.entry(period, fen));
                    external = fen;
                } else {
                    // the firm is registered: its money moves to a collecting org, where a later rebate takes it
                    Map.Entry<Period, Long> held = suspended.remove(random.nextInt(suspended.size()));
                    long org = COLLECTING[random.nextInt(COLLECTING.length)];
                    draft = Postings.suspenseReassignment(SUSPENSE_ORG, org, held.getKey(), held.getValue(), "v" + refs++,
                            "reassigned");
                    pending.computeIfAbsent(org + "/" + held.getKey(), k -> new ArrayList<>()).add(held.getValue());
                }
            } else if (op < 40) {
                long org = COLLECTING[random.nextInt(COLLECTING.length)];
                long fen = random.nextLong(1, 50_000_000);
                draft = Postings.collection(org, period, fen, "c" + refs++, "collection");
                pending.computeIfAbsent(org + "/" + period, k -> new ArrayList<>()).add(fen);
                external = fen;
            } else if (op < 50) {
                long fen = random.nextLong(1, 100_000);
                draft = Postings.duesPayment(GRASSROOTS[random.nextInt(GRASSROOTS.length)], period, fen, "d" + refs++, "dues");
                external = fen;
            } else if (op < 65) {
                long org = COLLECTING[random.nextInt(COLLECTING.length)];
                List<Long> open = pending.remove(org + "/" + period);
                if (open == null) {
                    continue;
                }
                // A rebate across every level, split as a run splits it (largest remainder): grassroots or held, then above.
                List<Postings.Receipt> receipts = new ArrayList<>();
                for (long fen : open) {
                    int g = random.nextInt(0, Allocation.FULL_BP + 1);
                    int town = random.nextInt(0, Allocation.FULL_BP - g + 1);
                    Map<ShareLevel, Integer> bp = new LinkedHashMap<>();
                    bp.put(ShareLevel.GRASSROOTS, g);
                    bp.put(ShareLevel.TOWN, town);
                    bp.put(ShareLevel.DISTRICT, Allocation.FULL_BP - g - town);
                    List<Allocation.Part> parts = Allocation.divide(fen, bp);
                    assertThat(parts.stream().mapToLong(Allocation.Part::fen).sum()).isEqualTo(fen);
                    boolean held = random.nextInt(3) == 0;
                    long dest = GRASSROOTS[random.nextInt(GRASSROOTS.length)];
                    receipts.add(new Postings.Receipt(held ? org : dest, held ? AccountPurpose.PREPARATORY_FUND
                            : AccountPurpose.GRASSROOTS_SHARE, parts.get(0).fen()));
                    receipts.add(new Postings.Receipt(org, AccountPurpose.UPPER_SHARE, parts.get(1).fen()));
                    receipts.add(new Postings.Receipt(COLLECTING[random.nextInt(COLLECTING.length)], AccountPurpose.UPPER_SHARE,
                            parts.get(2).fen()));
                }
                draft = Postings.distribution(EntryKind.REBATE, org, AccountPurpose.COLLECTED_FUNDS, period, receipts, "r" + refs++,
                        "rebate");
                assertThat(draft.debits()).isGreaterThanOrEqualTo(open.stream().mapToLong(Long::longValue).sum());
            } else if (op < 70) {
                long payer = random.nextBoolean() ? 10 : 20;
                draft = Postings.budgetAllocation(payer, period, random.nextLong(-50_000, 50_000) | 1, "a" + refs++, "budget");
            } else if (op < 75) {
                draft = Postings.subsidy(GRASSROOTS[random.nextInt(GRASSROOTS.length)],
                        List.of(new Postings.Payer(10, 3000), new Postings.Payer(20, 3000)), period, "s" + refs++, "subsidy");
            } else if (op < 85) {
                long fen = random.nextLong(1, 200_000);
                draft = Postings.benefitSpending(GRASSROOTS[random.nextInt(GRASSROOTS.length)], period, fen, "b" + refs++, "spent");
                external = -fen;
            } else {
                if (booked.isEmpty()) {
                    continue;
                }
                int target = random.nextInt(booked.size());
                Booked original = booked.get(target);
                if (original.draft().kind() == EntryKind.REVERSAL || !reversed.add(target)) {
                    continue;
                }
                draft = JournalDraft.reversalOf(target, original.draft().legs(), period, "reversal");
                external = -original.externalEffectFen();
            }
            assertThat(draft.problems("legs")).as("step %d: %s", step, draft.kind()).isEmpty();
            booked.add(new Booked(draft, external));
            expectedCash += external;
        }

        Map<String, long[]> byPeriod = new HashMap<>();
        Map<AccountPurpose, Long> byPurpose = new HashMap<>();
        for (Booked b : booked) {
            long[] dc = byPeriod.computeIfAbsent(b.draft().period().toString(), k -> new long[2]);
            for (JournalDraft.Leg leg : b.draft().legs()) {
                long signed = leg.side() == JournalDraft.Side.D ? leg.amountFen() : -leg.amountFen();
                dc[leg.side() == JournalDraft.Side.D ? 0 : 1] += leg.amountFen();
                byPurpose.merge(leg.purpose(), signed, Long::sum);
            }
        }
        byPeriod.forEach((period, dc) -> assertThat(dc[0]).as("period %s", period).isEqualTo(dc[1]));
        // Money held is cash plus what orgs set aside in programme budgets (grants are paid out of BUDGET).
        long cash = byPurpose.getOrDefault(AccountPurpose.CASH, 0L) + byPurpose.getOrDefault(AccountPurpose.BUDGET, 0L);
        assertThat(cash).as("cash on the ledger").isEqualTo(expectedCash);
        // Every fund on the ledger is backed by money held: fund balances (credit-normal) minus spending equal it.
        long funds = 0;
        for (var e : byPurpose.entrySet()) {
            if (e.getKey() != AccountPurpose.CASH && e.getKey() != AccountPurpose.BUDGET) {
                funds -= e.getValue();
            }
        }
        assertThat(funds).isEqualTo(cash);
    }
}
