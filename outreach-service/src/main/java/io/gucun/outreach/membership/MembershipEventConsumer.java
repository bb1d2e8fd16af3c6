package io.gucun.outreach.membership;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.replica.EnterpriseReplica;
import io.gucun.common.replica.OrgPathColumns;
import io.gucun.common.replica.OrgReplica;
import io.gucun.common.pii.BlindIndex;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.events.membership.MemberEvents.MemberIdNumberIndexed;
import io.gucun.events.membership.MemberEvents.MemberJoined;
import io.gucun.events.membership.MemberEvents.MemberLeft;
import io.gucun.events.membership.MemberEvents.MemberRegistered;
import io.gucun.events.membership.MemberEvents.MemberTransferred;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps outreach's read models in step with membership-service: the org tree and enterprises (common's replica) and
 * the joined members with their ID-number index (member_id_hash, one row per key version: what InsuredMemberMatch
 * matches insured workers by). Each event takes effect once: its id is remembered in the same transaction as the
 * change (the Inbox). A moved org also moves the paths outreach keeps (members, sites, events, leads).
 */
@ApplicationScoped
public class MembershipEventConsumer implements OrgPathColumns {

    static final String ORG_CONSUMER = "outreach.membership-org";
    static final String ENTERPRISE_CONSUMER = "outreach.membership-enterprise";
    static final String MEMBER_CONSUMER = "outreach.membership-member";

    @Inject
    Inbox inbox;

    @Inject
    OrgReplica orgs;

    @Inject
    EnterpriseReplica enterprises;

    @Inject
    BlindIndexes indexes;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> orgs(Message<String> message) {
        return inbox.once(ORG_CONSUMER, message, orgs.events());
    }

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> enterprises(Message<String> message) {
        return inbox.once(ENTERPRISE_CONSUMER, message, enterprises.events());
    }

    @Incoming("membership-member")
    @Blocking
    public CompletionStage<Void> members(Message<String> message) {
        return inbox.once(MEMBER_CONSUMER, message, memberEvents);
    }

    @Override
    public List<PathColumn> orgPathColumns() {
        return List.of(new PathColumn("joined_member", "org_path"), new PathColumn("site", "org_path"),
                new PathColumn("outreach_event", "org_path"), new PathColumn("enterprise_lead", "org_path"),
                new PathColumn("division_org", "org_path"));
    }

    private final EventReader memberEvents = EventReader.reading()
            .on(MemberRegistered.class, e -> index(e.memberId(), e.idNumberHash(), e.idNumberHashVersion()),
                    "memberId", "idNumberHash", "idNumberHashVersion")
            .on(MemberJoined.class, this::memberJoined, "memberId", "orgId", "orgPath", "joinedAt", "via", "idNumberHash",
                    "idNumberHashVersion")
            .on(MemberTransferred.class, this::memberTransferred, "memberId", "toOrgId", "toOrgPath", "idNumberHash",
                    "idNumberHashVersion")
            .on(MemberLeft.class, this::memberLeft, "memberId", "at", "idNumberHash", "idNumberHashVersion")
            .on(MemberIdNumberIndexed.class, e -> index(e.memberId(), e.idNumberHash(), e.idNumberHashVersion()),
                    "memberId", "idNumberHash", "idNumberHashVersion");

    /** What outreach reads from membership.member.v1 (tolerant reader: other events are skipped). */
    EventReader memberEvents() {
        return memberEvents;
    }

    void memberJoined(MemberJoined e) {
        JoinedMember m = JoinedMember.findById(e.memberId());
        if (m == null) {
            m = new JoinedMember();
            m.memberId = e.memberId();
        }
        m.orgId = e.orgId();
        m.orgPath = e.orgPath();
        m.joinedAt = e.joinedAt();
        m.via = e.via() == null ? "UNKNOWN" : e.via().name(); // a new way of joining still counts the member
        m.leftAt = null;
        m.persist();
        index(e.memberId(), e.idNumberHash(), e.idNumberHashVersion());
    }

    void memberTransferred(MemberTransferred e) {
        // native: a JPQL bulk update skips the column's ?::ltree write transformer, and PostgreSQL refuses varchar there
        JoinedMember.getEntityManager()
                .createNativeQuery("update joined_member set org_id = ?1, org_path = cast(?2 as ltree) where member_id = ?3")
                .setParameter(1, e.toOrgId()).setParameter(2, e.toOrgPath()).setParameter(3, e.memberId())
                .executeUpdate();
        index(e.memberId(), e.idNumberHash(), e.idNumberHashVersion());
    }

    void memberLeft(MemberLeft e) {
        JoinedMember.update("leftAt = ?1 where memberId = ?2", e.at(), e.memberId());
        index(e.memberId(), e.idNumberHash(), e.idNumberHashVersion());
    }

    /**
     * Keeps the member's ID-number index under its key version, and drops the member's hashes under versions no
     * longer looked up (older than every version this service is configured with). Events written before membership
     * published the hash carry none: nothing to keep.
     */
    void index(long memberId, String idNumberHash, Integer version) {
        if (idNumberHash == null || version == null) {
            return;
        }
        var em = JoinedMember.getEntityManager();
        em.createNativeQuery("insert into member_id_hash (member_id, key_version, id_hash) values (?1, ?2, ?3)"
                        + " on conflict (member_id, key_version) do update set id_hash = excluded.id_hash")
                .setParameter(1, memberId).setParameter(2, version).setParameter(3, idNumberHash).executeUpdate();
        BlindIndex ids = indexes.idNumber();
        int oldestLookedUp = ids.previousVersions().stream().mapToInt(Integer::intValue)
                .reduce(ids.current().version(), Math::min);
        em.createNativeQuery("delete from member_id_hash where member_id = ?1 and key_version < ?2")
                .setParameter(1, memberId).setParameter(2, oldestLookedUp).executeUpdate();
    }
}
