package io.gucun.membership.partner;

import io.gucun.common.feed.ChangeFeed;
import io.gucun.common.outbox.OutboxBatchWritten;
import io.gucun.common.outbox.OutboxWritten;
import io.gucun.common.pii.HashKey;
import io.gucun.common.pii.MatchingKeys;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.webhook.WebhookCatalog;
import io.gucun.events.membership.EnterpriseEvents;
import io.gucun.events.membership.MemberEvents;
import io.gucun.membership.enterprise.Enterprise;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberStatus;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the partner feeds in step with membership's own events: observes each event as it is written to the outbox,
 * in the same transaction, and adds the partner's view of the change; the feed sequencer positions it once the change
 * has committed (ChangeFeed, FeedSequencer). A change that rolls back leaves no item; every committed event that
 * concerns a partner leaves its item. Items carry the event's id (dedupe key).
 *
 * <p>An enterprise's items state its member count: each is counted under a lock of that enterprise's own
 * ({@link #lockCountsOf}), so joins to one enterprise's union count one after the other and its latest item states the
 * true count, while changes of different enterprises never wait for each other.
 *
 * <p>Items that partners also get by webhook ({@link PartnerWebhooks}) are turned into deliveries, with the same id and
 * body, by the feed sequencer once this transaction has committed: the change does not wait on the partners'
 * subscriptions, a crash after the commit loses no delivery, a rollback sends none.
 */
@ApplicationScoped
public class FeedProjector {

    @Inject
    ChangeFeed feed;

    @Inject
    EntityManager em;

    @Inject
    MatchingKeys matchingKeys;

    @Inject
    PersonalDataCipher cipher;

    /** What the shared webhook plumbing offers here: pushes of this projector's feed items, made after their commit. */
    @Produces
    @Singleton
    WebhookCatalog webhookCatalog() {
        return PartnerWebhooks.CATALOG;
    }

    void onEvent(@Observes OutboxWritten e) {
        switch (e.data()) {
            case EnterpriseEvents.UnionFounded f -> {
                Enterprise ent = Enterprise.findById(f.enterpriseId());
                lockCountsOf(List.of(ent.id));
                feed.append(PartnerFeeds.ENTERPRISE_UNIONS, e.eventId(), FeedItems.UNION_FOUNDED, ent.creditCode,
                        enterpriseUnion(ent), e.occurredAt());
            }
            case EnterpriseEvents.EnterpriseClosed c -> {
                Enterprise ent = Enterprise.findById(c.enterpriseId());
                // after the members' transfers of this closure: a concurrent join's count item comes before or after
                lockCountsOf(List.of(ent.id));
                feed.append(PartnerFeeds.ENTERPRISE_UNIONS, e.eventId(), FeedItems.ENTERPRISE_CLOSED, ent.creditCode,
                        new FeedItems.EnterpriseUnion(ent.id, ent.creditCode, false, c.closedUnionOrgId(),
                                ent.unionFoundedAt, c.closedOn(), 0), e.occurredAt());
            }
            case MemberEvents.MemberJoined j -> {
                membership(e, j.memberId(), FeedItems.MEMBERSHIP_STARTED, j.orgId(), j.orgPath(), null, j.joinedAt());
                memberCounts(e, Set.of(j.orgId()));
            }
            case MemberEvents.MemberTransferred t -> {
                membership(e, t.memberId(), FeedItems.MEMBERSHIP_TRANSFERRED, t.toOrgId(), t.toOrgPath(), t.reason(), t.at());
                // When the employer closed, ENTERPRISE_CLOSED says the count is 0: no item per member held above.
                if (!"EMPLOYER_CLOSED".equals(t.reason())) {
                    memberCounts(e, new LinkedHashSet<>(List.of(t.fromOrgId(), t.toOrgId())));
                }
            }
            case MemberEvents.MemberLeft l -> {
                UnionOrg org = UnionOrg.findById(l.orgId());
                membership(e, l.memberId(), FeedItems.MEMBERSHIP_ENDED, l.orgId(), org == null ? null : org.path,
                        l.reason().name(), l.at());
                memberCounts(e, Set.of(l.orgId()));
            }
            case null, default -> {
                // other events concern no partner feed
            }
        }
    }

    /**
     * The events of a bulk operation (a roster's chunk): each join's membership item as {@link #onEvent} makes it, but
     * the joined members read in one query and the items written in one batch, and one count item per enterprise for
     * the whole batch (its latest count, under the same lock) instead of one per join. Other events go one by one.
     */
    void onEvents(@Observes OutboxBatchWritten batch) {
        List<OutboxWritten> joins = new ArrayList<>();
        for (OutboxWritten e : batch.events()) {
            if (e.data() instanceof MemberEvents.MemberJoined) {
                joins.add(e);
            } else {
                onEvent(e);
            }
        }
        if (joins.isEmpty()) {
            return;
        }
        List<Long> ids = joins.stream().map(e -> ((MemberEvents.MemberJoined) e.data()).memberId()).toList();
        Map<Long, Object[]> facts = new HashMap<>();
        em.createQuery("select m.id, m.idNumberCipher, m.status, m.employerCreditCode from Member m where m.id in :ids",
                Object[].class).setParameter("ids", ids).getResultList().forEach(f -> facts.put((Long) f[0], f));
        HashKey key = matchingKeys.forPartner(PartnerFeeds.MEMBERSHIP_STATUS_PARTNER);
        List<ChangeFeed.Entry> items = new ArrayList<>(joins.size());
        Map<Long, OutboxWritten> lastJoinOf = new LinkedHashMap<>();
        for (OutboxWritten e : joins) {
            MemberEvents.MemberJoined j = (MemberEvents.MemberJoined) e.data();
            Object[] f = facts.get(j.memberId());
            items.add(membershipItem(e, key, (String) f[1], (MemberStatus) f[2], (String) f[3], FeedItems.MEMBERSHIP_STARTED,
                    j.orgId(), j.orgPath(), null, j.joinedAt()));
            lastJoinOf.put(j.orgId(), e);
        }
        feed.appendAll(items);
        // Each union's count item takes the id of the batch's last join to it (the item its single joins would end with).
        memberCounts(lastJoinOf);
    }

    private void membership(OutboxWritten e, long memberId, String type, long orgId, String orgPath, String reason,
                            OffsetDateTime at) {
        Member m = Member.findById(memberId);
        ChangeFeed.Entry item = membershipItem(e, matchingKeys.forPartner(PartnerFeeds.MEMBERSHIP_STATUS_PARTNER),
                m.idNumberCipher, m.status, m.employerCreditCode, type, orgId, orgPath, reason, at);
        feed.append(item.feed(), item.itemId(), item.type(), item.subject(), item.data(), item.occurredAt());
    }

    private ChangeFeed.Entry membershipItem(OutboxWritten e, HashKey key, String idNumberCipher, MemberStatus status,
                                            String employerCreditCode, String type, long orgId, String orgPath,
                                            String reason, OffsetDateTime at) {
        // The partner's own matching key, never the internal index: the partner can compute it for its records but
        // cannot test guesses against our index, nor link its hashes to another partner's.
        String idHash = key.hash(cipher.decrypt(idNumberCipher));
        return new ChangeFeed.Entry(PartnerFeeds.MEMBERSHIP_STATUS, e.eventId(), type, idHash,
                new FeedItems.MembershipStatus(idHash, key.version(), status.name(), orgId, orgPath, employerCreditCode,
                        reason, at),
                e.occurredAt());
    }

    /** A MEMBER_COUNT_CHANGED item for each enterprise whose union is one of {@code orgIds}. */
    private void memberCounts(OutboxWritten e, Set<Long> orgIds) {
        Map<Long, OutboxWritten> causeOf = new LinkedHashMap<>();
        orgIds.forEach(orgId -> causeOf.put(orgId, e));
        memberCounts(causeOf);
    }

    /** A MEMBER_COUNT_CHANGED item for each enterprise whose union is a key, its id derived from that key's event. */
    private void memberCounts(Map<Long, OutboxWritten> causeOf) {
        Map<Enterprise, OutboxWritten> enterprises = new LinkedHashMap<>();
        causeOf.forEach((orgId, e) -> {
            Enterprise ent = Enterprise.find("unionOrgId = ?1 and closedOn is null", orgId).firstResult();
            if (ent != null) {
                enterprises.put(ent, e);
            }
        });
        lockCountsOf(enterprises.keySet().stream().map(ent -> ent.id).toList());
        enterprises.forEach((ent, e) -> {
            // One event may move two enterprises' counts: each item gets its own id, derived from the event's.
            UUID id = UUID.nameUUIDFromBytes((e.eventId() + "/" + ent.creditCode).getBytes(StandardCharsets.UTF_8));
            feed.append(PartnerFeeds.ENTERPRISE_UNIONS, id, FeedItems.MEMBER_COUNT_CHANGED, ent.creditCode,
                    enterpriseUnion(ent), e.occurredAt());
        });
    }

    /**
     * Transaction-scoped advisory locks on these enterprises' member counts (two ints: a name, the id folded), taken in
     * id order so that a transfer between two enterprises cannot deadlock with one the other way. Held until commit:
     * a count read after it sees every change of the enterprise committed before, and the item written after it is
     * positioned after theirs (FeedSequencer: an item written after another one committed gets the later position).
     */
    private void lockCountsOf(List<Long> enterpriseIds) {
        enterpriseIds.stream().sorted().distinct().forEach(id -> em
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext('enterprise_member_count'), ?1)) l")
                .setParameter(1, Long.hashCode(id)).getSingleResult());
    }

    private FeedItems.EnterpriseUnion enterpriseUnion(Enterprise ent) {
        long count = ent.unionOrgId == null ? 0 : em.createQuery(
                        "select count(m) from Member m where m.orgId = :org and m.status = :active", Long.class)
                .setParameter("org", ent.unionOrgId).setParameter("active", MemberStatus.ACTIVE).getSingleResult();
        return new FeedItems.EnterpriseUnion(ent.id, ent.creditCode, true, ent.unionOrgId, ent.unionFoundedAt, null, count);
    }
}
