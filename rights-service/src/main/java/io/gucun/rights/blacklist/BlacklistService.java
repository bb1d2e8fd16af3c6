package io.gucun.rights.blacklist;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.events.rights.BlacklistEvents;
import io.gucun.events.rights.BlacklistReason;
import io.gucun.events.rights.CaseCategory;
import io.gucun.events.rights.CaseState;
import io.gucun.events.rights.NoticeKind;
import io.gucun.rights.deadline.Deadlines;
import io.gucun.rights.partner.PartnerEvents;
import io.gucun.rights.rightscase.CaseAccess;
import io.gucun.rights.rightscase.CaseService;
import io.gucun.rights.rightscase.RightsCase;
import io.gucun.rights.supervision.SupervisionNotice;
import io.gucun.rights.supervision.SupervisionRules;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The blacklist (两个黑名单): listing by the supervision check or an officer's decision, delisting, the partners' feed. */
@ApplicationScoped
public class BlacklistService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ChangeFeed feed;

    @Inject
    Deadlines deadlines;

    @Inject
    CaseService cases;

    @Inject
    CaseAccess access;

    /**
     * Lists every enterprise that ignored both letters (rectification opinion and handling proposal) as of
     * {@code asOf}. Idempotent: a letter leads to one listing at most, an enterprise has one active listing at most.
     */
    @Transactional
    public List<BlacklistEntry> check(OffsetDateTime asOf, String actor) {
        lockFeed();
        LocalDate day = deadlines.dayOf(asOf);
        List<SupervisionNotice> proposals = SupervisionNotice.list(
                "kind = ?1 and (responseOutcome = ?2 or (responseOutcome is null and responseDueOn < ?3))"
                        + " and id not in (select e.noticeId from BlacklistEntry e where e.noticeId is not null)"
                        // A case the reporter withdrew (settled between the parties) does not list the enterprise.
                        + " and caseId not in (select c.id from RightsCase c where c.state = ?4) order by id",
                NoticeKind.HANDLING_PROPOSAL, io.gucun.rights.supervision.ResponseOutcome.REFUSED, day, CaseState.WITHDRAWN);
        List<BlacklistEntry> listed = new ArrayList<>();
        for (SupervisionNotice proposal : proposals) {
            SupervisionNotice rectification = SupervisionNotice.find("caseId = ?1 and kind = ?2", proposal.caseId,
                    NoticeKind.RECTIFICATION).firstResult();
            if (!SupervisionRules.blacklistable(rectification, proposal, day) || BlacklistEntry.activeFor(proposal.enterpriseId) != null) {
                continue;
            }
            RightsCase c = RightsCase.findById(proposal.caseId);
            String evidence = "rectification opinion " + rectification.id + " issued " + rectification.issuedOn + ", due "
                    + rectification.responseDueOn + ": " + answer(rectification) + "; handling proposal " + proposal.id + " issued "
                    + proposal.issuedOn + ", due " + proposal.responseDueOn + ": " + answer(proposal) + " as of " + day;
            listed.add(list(c, BlacklistReason.IGNORED_SUPERVISION, evidence, proposal.id, asOf, actor));
        }
        return listed;
    }

    private static String answer(SupervisionNotice n) {
        return n.responseOutcome == null ? "no response" : n.responseOutcome + " on " + n.respondedOn;
    }

    /** An officer coordinating an obstruction-of-founding case lists its enterprise on the evidence. */
    @Transactional
    public BlacklistEntry listForObstruction(BlacklistDtos.NewListing r) {
        RightsCase c = RightsCase.findById(r.caseId());
        if (c == null || !access.canSee(c)) {
            throw ApiException.invalid("caseId", "does not name a case you may see");
        }
        access.requireCoordinator(c);
        if (c.category != CaseCategory.OBSTRUCTION_OF_UNION_FOUNDING) {
            throw ApiException.unprocessable("not-an-obstruction-case",
                    "only a case of category OBSTRUCTION_OF_UNION_FOUNDING confirms obstruction; case " + c.id + " is " + c.category);
        }
        lockFeed();
        BlacklistEntry active = BlacklistEntry.activeFor(c.enterpriseId);
        if (active != null) {
            throw ApiException.conflict("already-blacklisted", "the enterprise is on the blacklist already (entry " + active.id + ")",
                    Map.of("entryId", active.id));
        }
        return list(c, BlacklistReason.OBSTRUCTED_FOUNDING, r.evidence().trim(), null, deadlines.now(), access.username());
    }

    private BlacklistEntry list(RightsCase c, BlacklistReason reason, String evidence, Long noticeId, OffsetDateTime at, String actor) {
        KnownEnterprise enterprise = KnownEnterprise.findById(c.enterpriseId);
        BlacklistEntry e = new BlacklistEntry();
        e.enterpriseId = c.enterpriseId;
        e.creditCode = c.enterpriseCreditCode;
        e.enterpriseName = c.enterpriseName;
        e.enterpriseOrgPath = enterprise != null ? enterprise.orgPath : c.coordinatorOrgPath;
        e.reason = reason;
        e.evidence = evidence;
        e.caseId = c.id;
        e.noticeId = noticeId;
        e.listedAt = at;
        e.listedBy = actor;
        e.persistAndFlush();
        change(e, BlacklistChange.LISTED, at);
        UUID eventId = outbox.record(BlacklistEvents.AGGREGATE, e.enterpriseId, "EnterpriseBlacklisted", new BlacklistEvents.EnterpriseBlacklisted(e.id,
                e.enterpriseId, e.creditCode, e.enterpriseName, e.reason, e.caseId, e.listedAt));
        feedItem(e, eventId, PartnerEvents.LISTED, at);
        return e;
    }

    @Transactional
    public BlacklistEntry delist(long id, BlacklistDtos.Delisting r) {
        lockFeed();
        BlacklistEntry e = BlacklistEntry.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ApiException.notFound("blacklist entry", id);
        }
        if (!access.isAdmin()) {
            access.scope().requireCovers(e.enterpriseOrgPath);
        }
        if (!e.isActive()) {
            throw ApiException.conflict("already-delisted", "entry " + id + " was delisted at " + e.delistedAt, Map.of("entryId", id));
        }
        e.delistedAt = deadlines.now();
        e.delistedBy = access.username();
        e.delistingReason = r.reason().trim();
        change(e, BlacklistChange.DELISTED, e.delistedAt);
        UUID eventId = outbox.record(BlacklistEvents.AGGREGATE, e.enterpriseId, "EnterpriseDelisted", new BlacklistEvents.EnterpriseDelisted(e.id,
                e.enterpriseId, e.creditCode, e.listedAt, e.delistedAt));
        feedItem(e, eventId, PartnerEvents.DELISTED, e.delistedAt);
        return e;
    }

    /** The credit partner's feed item, in this transaction and under the event's id. */
    private void feedItem(BlacklistEntry e, UUID eventId, String type, OffsetDateTime at) {
        feed.append(PartnerEvents.BLACKLIST_FEED, eventId, type, e.creditCode, new PartnerEvents.BlacklistItem(e.id, e.enterpriseId,
                e.creditCode, e.enterpriseName, e.reason.name(), e.isActive(), e.listedAt, e.delistedAt), at);
    }

    /** Serializes blacklist writers, so feed sequence numbers are handed out in commit order and a cursor never skips one. */
    private void lockFeed() {
        em.createNativeQuery("lock table blacklist_change in share row exclusive mode").executeUpdate();
    }

    private void change(BlacklistEntry e, String kind, OffsetDateTime at) {
        BlacklistChange ch = new BlacklistChange();
        ch.entryId = e.id;
        ch.change = kind;
        ch.changedAt = at;
        ch.persist();
    }

    /** Changes after cursor {@code after} (a seq) and at or after {@code since}, oldest first. */
    public BlacklistDtos.ChangePage changes(OffsetDateTime since, Long after, int limit) {
        StringBuilder q = new StringBuilder("seq > ?1");
        List<Object> params = new ArrayList<>(List.of(after == null ? 0L : after));
        if (since != null) {
            q.append(" and changedAt >= ?2");
            params.add(since);
        }
        List<BlacklistChange> page = BlacklistChange.find(q.toString(), Sort.by("seq"), params.toArray()).page(0, limit + 1).list();
        boolean more = page.size() > limit;
        List<BlacklistChange> items = more ? page.subList(0, limit) : page;
        Map<Long, BlacklistEntry> entries = items.isEmpty() ? Map.of()
                : BlacklistEntry.<BlacklistEntry>list("id in ?1", items.stream().map(c -> c.entryId).distinct().toList())
                .stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        List<BlacklistDtos.ChangeView> views = items.stream().map(ch -> {
            BlacklistEntry e = entries.get(ch.entryId);
            boolean delisted = BlacklistChange.DELISTED.equals(ch.change);
            return new BlacklistDtos.ChangeView(ch.seq, ch.change, ch.changedAt, e.id, e.creditCode, e.enterpriseName, e.reason,
                    e.listedAt, delisted ? e.delistedAt : null, delisted ? e.delistingReason : null);
        }).toList();
        Long next = items.isEmpty() ? (after == null ? 0L : after) : items.getLast().seq;
        return new BlacklistDtos.ChangePage(views, next, more);
    }

    public Page<BlacklistEntry> entries(Boolean active, PageRequest page) {
        String q = active == null ? "" : active ? "delistedAt is null" : "delistedAt is not null";
        var query = q.isEmpty() ? BlacklistEntry.<BlacklistEntry>findAll(Sort.by("id").descending())
                : BlacklistEntry.<BlacklistEntry>find(q, Sort.by("id").descending());
        long total = query.count();
        return new Page<>(query.page(page.page(), page.size()).list(), page.page(), page.size(), total);
    }

    public List<BlacklistEntry> history(String creditCode) {
        String code = CreditCode.normalize(creditCode);
        if (!CreditCode.isValid(code)) {
            throw ApiException.invalid("creditCode", CreditCode.problemWith(code).orElse("is invalid"));
        }
        return BlacklistEntry.list("creditCode = ?1 order by id", code);
    }

    public BlacklistEntry get(long id) {
        BlacklistEntry e = BlacklistEntry.findById(id);
        if (e == null) {
            throw ApiException.notFound("blacklist entry", id);
        }
        return e;
    }

    /** Evidence and the case are internal: admins and officers covering the enterprise's org see them. */
    public boolean seesInternals(BlacklistEntry e) {
        return access.isAdmin() || access.isOfficer() && access.scope().covers(e.enterpriseOrgPath);
    }

    public OffsetDateTime now() {
        return deadlines.now();
    }
}
