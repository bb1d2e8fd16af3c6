package io.gucun.dues.subsidy;

import io.gucun.common.money.Money;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownOrg;
import io.gucun.common.security.CallerScope;
import io.gucun.dues.ledger.Ledger;
import io.gucun.dues.ledger.LedgerService;
import io.gucun.dues.ledger.Period;
import io.gucun.dues.ledger.Postings;
import io.gucun.dues.org.Orgs;
import io.gucun.events.dues.SubsidyEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import org.jboss.logging.Logger;

/**
 * Grants out of programme funds: paid when the payer's fund covers them, owed otherwise and paid first in, first out
 * when the fund is topped up; revoked through their own operation. A fund's balance and its org's BUDGET account move
 * together, in the transaction that posts.
 */
@ApplicationScoped
public class GrantService {

    private static final Logger LOG = Logger.getLogger(GrantService.class);

    /** What a grant request did. */
    public record Outcome(long grantId, SubsidyRules.Policy policy, Period period, List<SubsidyRules.Payment> paid,
                          List<SubsidyRules.Payment> owed, Ledger.Posted entry) {
    }

    @Inject
    EntityManager em;

    @Inject
    Ledger ledger;

    @Inject
    LedgerService ledgerService;

    @Inject
    SubsidyService subsidies;

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    Orgs orgs;

    @Inject
    Clock clock;

    /**
     * Grants what the programme's policy in force gives the subject, once per programme and subject; empty when it was
     * granted before or nobody pays. {@code sourceRef} names the entry when every share is paid at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> request(Programme programme, long subjectId, long recipientOrgId, String recipientPath,
                                     OffsetDateTime at, String sourceRef, String description) {
        return request(programme, subjectId, recipientOrgId, recipientPath, at, sourceRef, description, LongUnaryOperator.identity());
    }

    /**
     * The same, each level's configured amount turned into what it pays by {@code amount} (the chair allowance: twelve
     * months times the share the assessment gives); a level that then pays nothing has no share.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> request(Programme programme, long subjectId, long recipientOrgId, String recipientPath,
                                     OffsetDateTime at, String sourceRef, String description, LongUnaryOperator amount) {
        LocalDate day = LocalDate.ofInstant(at.toInstant(), clock.getZone());
        SubsidyRules.Policy policy = SubsidyRules.inForce(subsidies.policies(), programme, recipientPath, day).orElse(null);
        if (policy == null) {
            LOG.infof("no %s policy in force on %s for org %d", programme, day, recipientOrgId);
            return Optional.empty();
        }
        List<SubsidyRules.Payment> payments = SubsidyRules.payments(Orgs.ancestorsOrSelf(recipientPath), policy).stream()
                .map(p -> new SubsidyRules.Payment(p.level(), p.orgId(), amount.applyAsLong(p.fen())))
                .filter(p -> p.fen() > 0).toList();
        if (payments.isEmpty()) {
            LOG.infof("nobody pays %s above org %d", programme, recipientOrgId);
            return Optional.empty();
        }
        Period period = ledger.openOrCurrent(Period.of(day), clock);
        List<?> inserted = em.createNativeQuery("insert into programme_grant (programme, subject_id, recipient_org_id,"
                        + " recipient_path, period, policy_id, occurred_at) values (?1, ?2, ?3, cast(?4 as ltree), ?5, ?6, ?7)"
                        + " on conflict (programme, subject_id) do nothing returning id")
                .setParameter(1, programme.name()).setParameter(2, subjectId).setParameter(3, recipientOrgId)
                .setParameter(4, recipientPath).setParameter(5, period.toString()).setParameter(6, policy.id())
                .setParameter(7, at).getResultList();
        if (inserted.isEmpty()) {
            return Optional.empty();
        }
        long grantId = ((Number) inserted.getFirst()).longValue();
        List<SubsidyRules.Payment> paid = new ArrayList<>();
        List<SubsidyRules.Payment> owed = new ArrayList<>();
        Map<SubsidyRules.Payment, Long> fundOf = new LinkedHashMap<>();
        for (SubsidyRules.Payment p : payments) {
            Optional<SubsidyRules.Fund> fund = SubsidyRules.fundFor(lockFunds(programme, p.orgId(), recipientPath), programme,
                    p.orgId(), recipientPath);
            fund.ifPresent(f -> fundOf.put(p, f.id()));
            boolean queued = fund.isPresent() && owedQueuedIn(fund.get());
            (SubsidyRules.decide(fund, queued, p.fen()) == SubsidyRules.Decision.PAY ? paid : owed).add(p);
        }
        Ledger.Posted entry = null;
        if (!paid.isEmpty()) {
            String ref = owed.isEmpty() ? sourceRef : "grant:" + grantId;
            entry = ledger.postOne(Postings.subsidy(recipientOrgId, SubsidyRules.payers(paid), period, ref, description),
                    "dues-service").orElseThrow(() -> new IllegalStateException("grant " + grantId + " posted twice"));
        }
        Instant now = Instant.now(clock);
        for (SubsidyRules.Payment p : payments) {
            boolean isPaid = paid.contains(p);
            Long fundId = fundOf.get(p);
            em.createNativeQuery("insert into grant_share (grant_id, level, payer_org_id, fund_id, amount_fen, status,"
                            + " journal_entry_id, paid_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                    .setParameter(1, grantId).setParameter(2, p.level()).setParameter(3, p.orgId()).setParameter(4, fundId)
                    .setParameter(5, p.fen()).setParameter(6, isPaid ? "PAID" : "OWED")
                    .setParameter(7, isPaid ? entry.entryId() : null).setParameter(8, isPaid ? now : null).executeUpdate();
            if (isPaid) {
                moveFund(fundId, -p.fen());
            }
        }
        return Optional.of(new Outcome(grantId, policy, period, paid, owed, entry));
    }

    /** The payer's funds of the programme whose region holds the path, locked until commit (one payer at a time). */
    @SuppressWarnings("unchecked")
    private List<SubsidyRules.Fund> lockFunds(Programme programme, long payerOrgId, String path) {
        List<Object[]> rows = em.createNativeQuery("select id, payer_org_id, region_path::text, balance_fen from budget_fund"
                        + " where programme = ?1 and payer_org_id = ?2 and cast(?3 as ltree) <@ region_path order by id for update")
                .setParameter(1, programme.name()).setParameter(2, payerOrgId).setParameter(3, path).getResultList();
        return rows.stream().map(r -> new SubsidyRules.Fund(((Number) r[0]).longValue(), programme,
                ((Number) r[1]).longValue(), (String) r[2], ((Number) r[3]).longValue())).toList();
    }

    private boolean owedQueuedIn(SubsidyRules.Fund fund) {
        return !owedQuery(fund, " limit 1").getResultList().isEmpty();
    }

    /** Owed shares this fund pays: its own, and those owed before the payer had a fund for the recipient's region. */
    private jakarta.persistence.Query owedQuery(SubsidyRules.Fund fund, String tail) {
        return em.createNativeQuery("select s.id, s.amount_fen, g.id as grant_id, g.recipient_org_id, g.subject_id, s.level"
                        + " from grant_share s join programme_grant g on g.id = s.grant_id"
                        + " where s.status = 'OWED' and s.payer_org_id = ?1 and g.programme = ?2"
                        + " and (s.fund_id = ?3 or (s.fund_id is null and g.recipient_path <@ cast(?4 as ltree)))"
                        + " order by s.id" + tail)
                .setParameter(1, fund.payerOrgId()).setParameter(2, fund.programme().name()).setParameter(3, fund.id())
                .setParameter(4, fund.regionPath());
    }

    private void moveFund(long fundId, long fen) {
        em.createNativeQuery("update budget_fund set balance_fen = balance_fen + ?1 where id = ?2").setParameter(1, fen)
                .setParameter(2, fundId).executeUpdate();
    }

    /**
     * Pays what the fund owes, oldest first, as far as its balance goes; each share is its own entry, booked in the
     * current month. Returns how many shares were paid.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public int settle(long fundId) {
        SubsidyRules.Fund fund = lockFund(fundId);
        List<Object[]> owed = owedQuery(fund, " for update of s").getResultList();
        int n = SubsidyRules.payableInOrder(fund.balanceFen(), owed.stream().map(r -> ((Number) r[1]).longValue()).toList());
        if (n == 0) {
            return 0;
        }
        Period period = ledger.openOrCurrent(Period.of(LocalDate.now(clock)), clock);
        List<io.gucun.dues.ledger.JournalDraft> drafts = new ArrayList<>(n);
        for (Object[] r : owed.subList(0, n)) {
            drafts.add(Postings.subsidy(((Number) r[3]).longValue(), List.of(new Postings.Payer(fund.payerOrgId(),
                            ((Number) r[1]).longValue())), period, "grant-share:" + ((Number) r[0]).longValue(),
                    "owed " + fund.programme() + " share " + r[0] + " of grant " + r[2] + " paid from fund " + fund.id()));
        }
        List<Optional<Ledger.Posted>> posted = ledger.post(drafts, "dues-service");
        Instant now = Instant.now(clock);
        long total = 0;
        for (int i = 0; i < n; i++) {
            Object[] r = owed.get(i);
            Ledger.Posted entry = posted.get(i).orElseThrow(() -> new IllegalStateException("owed share " + r[0] + " posted twice"));
            long fen = ((Number) r[1]).longValue();
            total += fen;
            em.createNativeQuery("update grant_share set status = 'PAID', fund_id = ?1, journal_entry_id = ?2, paid_at = ?3"
                            + " where id = ?4").setParameter(1, fund.id()).setParameter(2, entry.entryId()).setParameter(3, now)
                    .setParameter(4, ((Number) r[0]).longValue()).executeUpdate();
            if (fund.programme() == Programme.RECRUITMENT_SUBSIDY) {
                long memberId = ((Number) r[4]).longValue();
                outbox.record(SubsidyEvents.AGGREGATE, memberId, "SubsidyPosted", new SubsidyEvents.SubsidyPosted(memberId,
                        ((Number) r[3]).longValue(), period.month(), policyVersionOf(((Number) r[2]).longValue()),
                        List.of(new SubsidyEvents.SubsidyPosted.Payer((String) r[5], fund.payerOrgId(), Money.format(fen))),
                        Money.format(fen), Money.CURRENCY, entry.entryId(), entry.transactionId()));
            }
        }
        moveFund(fund.id(), -total);
        return n;
    }

    private int policyVersionOf(long grantId) {
        return ((Number) em.createNativeQuery("select p.version from programme_grant g join subsidy_policy p on p.id = g.policy_id"
                + " where g.id = ?1").setParameter(1, grantId).getSingleResult()).intValue();
    }

    @SuppressWarnings("unchecked")
    private SubsidyRules.Fund lockFund(long fundId) {
        List<Object[]> rows = em.createNativeQuery("select id, programme, payer_org_id, region_path::text, balance_fen"
                + " from budget_fund where id = ?1 for update").setParameter(1, fundId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("budget fund", fundId);
        }
        Object[] r = rows.getFirst();
        return new SubsidyRules.Fund(((Number) r[0]).longValue(), Programme.valueOf((String) r[1]), ((Number) r[2]).longValue(),
                (String) r[3], ((Number) r[4]).longValue());
    }

    // --- funds ---

    /** Opens a fund (or answers the one already open for that programme, payer and region). */
    @Transactional
    public GrantDtos.FundView openFund(GrantDtos.NewFund in) {
        KnownOrg payer = KnownOrg.findById(in.payerOrgId());
        if (payer == null || !caller.covers(payer.path)) {
            throw ApiException.invalid("payerOrgId", "names no organization in your scope");
        }
        KnownOrg region = KnownOrg.findById(in.regionOrgId());
        if (region == null || !SubsidyRules.within(region.path, payer.path)) {
            throw ApiException.invalid("regionOrgId", "names no organization in the payer's subtree");
        }
        em.createNativeQuery("insert into budget_fund (programme, payer_org_id, region_path, created_at, created_by)"
                        + " values (?1, ?2, cast(?3 as ltree), ?4, ?5) on conflict (programme, payer_org_id, region_path) do nothing")
                .setParameter(1, in.programme().name()).setParameter(2, payer.id).setParameter(3, region.path)
                .setParameter(4, Instant.now(clock)).setParameter(5, caller.username()).executeUpdate();
        long id = ((Number) em.createNativeQuery("select id from budget_fund where programme = ?1 and payer_org_id = ?2"
                        + " and region_path = cast(?3 as ltree)").setParameter(1, in.programme().name()).setParameter(2, payer.id)
                .setParameter(3, region.path).getSingleResult()).longValue();
        return fund(id);
    }

    /**
     * Moves cash into the fund (positive) or back out (negative), once per reference, then pays what the fund owes, oldest
     * first. 422 insufficient-funds when the payer's cash (or the fund) does not hold the amount.
     */
    @Transactional
    public GrantDtos.FundView move(long fundId, GrantDtos.Movement in, boolean withdrawal) {
        long fen = Money.parsePositive("amount", in.amount());
        SubsidyRules.Fund fund = lockFund(visibleFund(fundId).id());
        String ref = "budget:" + fund.id() + ":" + in.reference();
        List<?> earlier = em.createNativeQuery("select l.amount_fen, l.side from journal_entry e join journal_leg l on l.entry_id = e.id"
                + " where e.source_ref = ?1 and l.purpose = 'BUDGET'").setParameter(1, ref).getResultList();
        if (!earlier.isEmpty()) {
            Object[] leg = (Object[]) earlier.getFirst();
            boolean same = ((Number) leg[0]).longValue() == fen && String.valueOf(leg[1]).equals(withdrawal ? "C" : "D");
            if (!same) {
                throw new ApiException(422, "reference-reused", "Reference reused", "reference " + in.reference()
                        + " already moved a different amount; use a new reference for a new movement",
                        List.of(new io.gucun.common.problem.FieldError("reference", "was used for a different movement")), Map.of());
            }
            return fund(fund.id()); // a retry: the money moved the first time
        }
        long available = withdrawal ? fund.balanceFen() : cashOf(fund.payerOrgId());
        if (fen > available) {
            throw new ApiException(422, "insufficient-funds", "Rule violated", (withdrawal ? "the fund holds " : "the paying org's cash is ")
                    + Money.format(available) + " yuan, less than " + Money.format(fen), List.of(new io.gucun.common.problem.FieldError(
                    "amount", "exceeds the money available")), Map.of("available", Money.format(available)));
        }
        long signed = withdrawal ? -fen : fen;
        ledger.postOne(Postings.budgetAllocation(fund.payerOrgId(), ledger.openOrCurrent(Period.of(LocalDate.now(clock)), clock),
                signed, ref, (withdrawal ? "withdrawal from " : "allocation to ") + fund.programme() + " fund " + fund.id()
                        + " (" + in.reference() + ")"), caller.username());
        em.createNativeQuery("update budget_fund set balance_fen = balance_fen + ?1, allocated_fen = allocated_fen + ?1"
                + " where id = ?2").setParameter(1, signed).setParameter(2, fund.id()).executeUpdate();
        if (!withdrawal) {
            settle(fund.id());
        }
        return fund(fund.id());
    }

    private long cashOf(long orgId) {
        List<?> rows = em.createNativeQuery("select balance_fen from ledger_account where org_id = ?1 and purpose = 'CASH'")
                .setParameter(1, orgId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst()).longValue();
    }

    /** The fund if its payer is in the caller's scope; 404 otherwise. */
    public GrantDtos.FundView visibleFund(long fundId) {
        GrantDtos.FundView view = fundOrNull(fundId);
        if (view == null) {
            throw ApiException.notFound("budget fund", fundId);
        }
        KnownOrg payer = KnownOrg.findById(view.payerOrgId());
        if (payer == null || !caller.covers(payer.path)) {
            throw ApiException.notFound("budget fund", fundId);
        }
        return view;
    }

    GrantDtos.FundView fund(long fundId) {
        return fundOrNull(fundId);
    }

    @SuppressWarnings("unchecked")
    private GrantDtos.FundView fundOrNull(long fundId) {
        List<Object[]> rows = em.createNativeQuery("select f.id, f.programme, f.payer_org_id, subpath(f.region_path, -1)::text,"
                + " f.region_path::text, f.balance_fen, f.allocated_fen,"
                + " coalesce((select sum(amount_fen) from grant_share where fund_id = f.id and status = 'PAID'), 0),"
                + " coalesce((select sum(amount_fen) from grant_share where fund_id = f.id and status = 'OWED'), 0),"
                + " (select count(*) from grant_share where fund_id = f.id and status = 'OWED')"
                + " from budget_fund f where f.id = ?1").setParameter(1, fundId).getResultList();
        return rows.isEmpty() ? null : fundView(rows.getFirst());
    }

    private static GrantDtos.FundView fundView(Object[] r) {
        return new GrantDtos.FundView(((Number) r[0]).longValue(), Programme.valueOf((String) r[1]), ((Number) r[2]).longValue(),
                Long.parseLong((String) r[3]), (String) r[4], Money.format(((Number) r[5]).longValue()),
                Money.format(((Number) r[6]).longValue()), Money.format(((Number) r[7]).longValue()),
                Money.format(((Number) r[8]).longValue()), ((Number) r[9]).longValue(), Money.CURRENCY);
    }

    /** The funds whose payer is in the org's subtree. */
    @SuppressWarnings("unchecked")
    public List<GrantDtos.FundView> funds(long orgId) {
        KnownOrg org = orgs.visible(orgId);
        List<Number> ids = em.createNativeQuery("select f.id from budget_fund f join known_org o on o.id = f.payer_org_id"
                + " where o.path <@ cast(?1 as ltree) order by f.id").setParameter(1, org.path).getResultList();
        return ids.stream().map(id -> fund(id.longValue())).toList();
    }

    // --- grants ---

    /** The grant if the caller's scope holds its recipient or one of its payers; 404 otherwise. */
    @SuppressWarnings("unchecked")
    public GrantDtos.GrantView visibleGrant(long grantId) {
        List<Object[]> rows = em.createNativeQuery("select g.id, g.programme, g.subject_id, g.recipient_org_id, g.period,"
                + " p.version, g.status, g.revoked_at, g.revoked_by, g.revoke_reason, g.recipient_path::text"
                + " from programme_grant g join subsidy_policy p on p.id = g.policy_id where g.id = ?1")
                .setParameter(1, grantId).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("grant", grantId);
        }
        Object[] r = rows.getFirst();
        List<Object[]> shares = em.createNativeQuery("select s.id, s.level, s.payer_org_id, s.fund_id, s.amount_fen, s.status,"
                + " s.journal_entry_id, s.paid_at, s.revocation_entry_id, o.path::text from grant_share s"
                + " left join known_org o on o.id = s.payer_org_id where s.grant_id = ?1 order by s.id")
                .setParameter(1, grantId).getResultList();
        boolean visible = caller.covers((String) r[10]) || shares.stream().anyMatch(s -> s[9] != null && caller.covers((String) s[9]));
        if (!visible) {
            throw ApiException.notFound("grant", grantId);
        }
        return new GrantDtos.GrantView(((Number) r[0]).longValue(), Programme.valueOf((String) r[1]), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), (String) r[4], ((Number) r[5]).intValue(), (String) r[6],
                r[7] == null ? null : io.gucun.dues.ledger.LedgerTimes.instant(r[7]), (String) r[8], (String) r[9],
                shares.stream().map(s -> new GrantDtos.ShareView(((Number) s[0]).longValue(), (String) s[1],
                        ((Number) s[2]).longValue(), s[3] == null ? null : ((Number) s[3]).longValue(),
                        Money.format(((Number) s[4]).longValue()), (String) s[5],
                        s[6] == null ? null : ((Number) s[6]).longValue(),
                        s[7] == null ? null : io.gucun.dues.ledger.LedgerTimes.instant(s[7]),
                        s[8] == null ? null : ((Number) s[8]).longValue())).toList(), Money.CURRENCY);
    }

    /**
     * Revokes a grant: reverses every payment of it (the payers' funds get the money back and pay what they owe), and
     * cancels what was still owed; the record and the ledger change together. A retry answers the revoked grant.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public GrantDtos.GrantView revoke(long grantId, String reason) {
        GrantDtos.GrantView grant = visibleGrant(grantId);
        String status = (String) em.createNativeQuery("select status from programme_grant where id = ?1 for update")
                .setParameter(1, grantId).getSingleResult();
        if (status.equals("REVOKED")) {
            return visibleGrant(grantId);
        }
        for (GrantDtos.ShareView s : grant.shares()) {
            KnownOrg payer = KnownOrg.findById(s.payerOrgId());
            if (!caller.isAdmin() && (payer == null || !caller.covers(payer.path))) {
                throw ApiException.forbidden("the grant is paid by organizations outside your scope");
            }
        }
        // Funds before accounts, the order a grant request and an allocation lock them in.
        em.createNativeQuery("select id from budget_fund where id in (select fund_id from grant_share where grant_id = ?1)"
                + " order by id for update").setParameter(1, grantId).getResultList();
        List<Long> entries = grant.shares().stream().filter(s -> s.status().equals("PAID")).map(GrantDtos.ShareView::journalEntryId)
                .distinct().toList();
        List<Long> funds = new ArrayList<>();
        for (long entryId : entries) {
            long reversal = ledgerService.reverseForCorrection(entryId, "revocation of grant " + grantId + ": " + reason);
            List<Object[]> back = em.createNativeQuery("update grant_share set status = 'REVOKED', revocation_entry_id = ?1"
                    + " where grant_id = ?2 and journal_entry_id = ?3 returning fund_id, amount_fen").setParameter(1, reversal)
                    .setParameter(2, grantId).setParameter(3, entryId).getResultList();
            for (Object[] b : back) {
                if (b[0] != null) {
                    moveFund(((Number) b[0]).longValue(), ((Number) b[1]).longValue());
                    funds.add(((Number) b[0]).longValue());
                }
            }
        }
        em.createNativeQuery("update grant_share set status = 'REVOKED' where grant_id = ?1 and status = 'OWED'")
                .setParameter(1, grantId).executeUpdate();
        em.createNativeQuery("update programme_grant set status = 'REVOKED', revoked_at = ?1, revoked_by = ?2, revoke_reason = ?3"
                        + " where id = ?4").setParameter(1, Instant.now(clock)).setParameter(2, caller.username())
                .setParameter(3, reason).setParameter(4, grantId).executeUpdate();
        funds.stream().distinct().forEach(this::settle);
        return visibleGrant(grantId);
    }

    /** Paid and owed per org and programme in the org's subtree, as payer and as recipient (revoked shares left out). */
    @SuppressWarnings("unchecked")
    public GrantDtos.GrantReport report(long orgId) {
        KnownOrg root = orgs.visible(orgId);
        Map<String, long[]> byOrg = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (String side : List.of("s.payer_org_id", "g.recipient_org_id")) {
            boolean payer = side.startsWith("s.");
            List<Object[]> rows = em.createNativeQuery("select o.id, o.name, g.programme, s.status, sum(s.amount_fen), count(*)"
                    + " from grant_share s join programme_grant g on g.id = s.grant_id join known_org o on o.id = " + side
                    + " where o.path <@ cast(?1 as ltree) and s.status <> 'REVOKED' group by o.id, o.name, g.programme, s.status"
                    + " order by o.id, g.programme").setParameter(1, root.path).getResultList();
            for (Object[] r : rows) {
                long id = ((Number) r[0]).longValue();
                names.put(id, (String) r[1]);
                long[] v = byOrg.computeIfAbsent(id + ":" + r[2], k -> new long[5]);
                boolean isPaid = "PAID".equals(r[3]);
                long fen = ((Number) r[4]).longValue();
                v[(payer ? 0 : 2) + (isPaid ? 0 : 1)] += fen;
                if (payer && !isPaid) {
                    v[4] += ((Number) r[5]).longValue();
                }
            }
        }
        long paidOut = 0;
        long owedOut = 0;
        List<GrantDtos.ReportRow> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byOrg.entrySet()) {
            String[] key = e.getKey().split(":");
            long id = Long.parseLong(key[0]);
            long[] v = e.getValue();
            paidOut += v[0];
            owedOut += v[1];
            rows.add(new GrantDtos.ReportRow(id, names.get(id), Programme.valueOf(key[1]), Money.format(v[0]), Money.format(v[1]),
                    Money.format(v[2]), Money.format(v[3]), v[4]));
        }
        return new GrantDtos.GrantReport(root.id, rows, Money.format(paidOut), Money.format(owedOut), Money.CURRENCY);
    }
}
