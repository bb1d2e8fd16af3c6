package io.gucun.outreach.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.outbox.EventEnvelope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps outreach's read models (org tree, enterprises, joined members) in step with membership-service. Each event
 * takes effect once: its id is remembered in the same transaction as the change (the Inbox).
 */
@ApplicationScoped
public class MembershipEventConsumer {

    static final String ORG_CONSUMER = "outreach.membership-org";
    static final String ENTERPRISE_CONSUMER = "outreach.membership-enterprise";
    static final String MEMBER_CONSUMER = "outreach.membership-member";

    @Inject
    Inbox inbox;

    @Inject
    Event<UnionFoundedSeen> unionFounded;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> orgs(Message<String> message) {
        return consume(message, ORG_CONSUMER);
    }

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> enterprises(Message<String> message) {
        return consume(message, ENTERPRISE_CONSUMER);
    }

    @Incoming("membership-member")
    @Blocking
    public CompletionStage<Void> members(Message<String> message) {
        return consume(message, MEMBER_CONSUMER);
    }

    private CompletionStage<Void> consume(Message<String> message, String consumer) {
        return inbox.once(consumer, message, this::apply);
    }

    /** Tolerant reader: unknown event types are skipped, unknown fields ignored. */
    void apply(EventEnvelope event) {
        JsonNode d = event.data();
        switch (event.name()) {
            case "OrgCreated" -> orgCreated(d);
            case "OrgRenamed" -> KnownOrg.update("name = ?1 where id = ?2", d.path("newName").asText(), d.path("orgId").asLong());
            case "OrgMoved" -> orgMoved(d);
            case "OrgClosed" -> KnownOrg.update("closed = true where id = ?1", d.path("orgId").asLong());
            case "EnterpriseRegistered" -> enterpriseRegistered(d);
            case "UnionFounded" -> unionFounded(d);
            case "MemberJoined" -> memberJoined(d);
            case "MemberTransferred" -> JoinedMember.update("orgId = ?1, orgPath = ?2 where memberId = ?3",
                    d.path("toOrgId").asLong(), d.path("toOrgPath").asText(), d.path("memberId").asLong());
            case "MemberLeft" -> JoinedMember.update("leftAt = ?1 where memberId = ?2",
                    OffsetDateTime.parse(d.path("at").asText()), d.path("memberId").asLong());
            default -> {
            }
        }
    }

    private void orgCreated(JsonNode d) {
        long orgId = d.path("orgId").asLong();
        KnownOrg org = KnownOrg.findById(orgId);
        if (org == null) {
            org = new KnownOrg();
            org.id = orgId;
        }
        org.parentId = d.hasNonNull("parentId") ? d.get("parentId").asLong() : null;
        org.path = d.path("path").asText();
        org.name = d.path("name").asText();
        org.kind = d.path("kind").asText();
        org.areaType = d.hasNonNull("areaType") ? d.get("areaType").asText() : null;
        org.persist();
    }

    /** The subtree moves with the org: every local path under the old one (orgs, enterprises, members) is rewritten. */
    private void orgMoved(JsonNode d) {
        String oldPath = d.path("oldPath").asText();
        String newPath = d.path("newPath").asText();
        for (String[] table : new String[][] {{"known_org", "path"}, {"known_enterprise", "org_path"},
                {"joined_member", "org_path"}, {"site", "org_path"}, {"outreach_event", "org_path"},
                {"enterprise_lead", "org_path"}}) {
            rewritePaths(table[0], table[1], oldPath, newPath);
        }
        KnownOrg.update("parentId = ?1 where id = ?2", d.path("newParentId").asLong(), d.path("orgId").asLong());
    }

    private void rewritePaths(String table, String column, String oldPath, String newPath) {
        KnownOrg.getEntityManager().createNativeQuery(
                        "update " + table + " set " + column + " = subpath(cast(?1 as ltree), 0, nlevel(cast(?1 as ltree)) - 1)"
                                + " || subpath(" + column + ", nlevel(cast(?2 as ltree)) - 1)"
                                + " where " + column + " <@ cast(?2 as ltree)")
                .setParameter(1, newPath)
                .setParameter(2, oldPath)
                .executeUpdate();
    }

    private void enterpriseRegistered(JsonNode d) {
        long id = d.path("enterpriseId").asLong();
        KnownEnterprise e = KnownEnterprise.findById(id);
        if (e == null) {
            e = new KnownEnterprise();
            e.id = id;
        }
        e.creditCode = d.path("creditCode").asText();
        e.name = d.path("name").asText();
        e.orgId = d.path("orgId").asLong();
        e.orgPath = d.path("orgPath").asText();
        e.employeeCount = d.hasNonNull("employeeCount") ? d.get("employeeCount").asInt() : null;
        e.establishedOn = d.hasNonNull("establishedOn") ? LocalDate.parse(d.get("establishedOn").asText()) : null;
        e.gridCode = d.hasNonNull("gridCode") ? d.get("gridCode").asText() : null;
        e.persist();
    }

    private void unionFounded(JsonNode d) {
        KnownEnterprise e = KnownEnterprise.findById(d.path("enterpriseId").asLong());
        OffsetDateTime at = OffsetDateTime.parse(d.path("foundedAt").asText());
        if (e != null) {
            e.unionOrgId = d.path("unionOrgId").asLong();
            e.unionFoundedAt = at;
        }
        unionFounded.fire(new UnionFoundedSeen(d.path("creditCode").asText(), d.path("unionOrgId").asLong(), at));
    }

    private void memberJoined(JsonNode d) {
        long id = d.path("memberId").asLong();
        JoinedMember m = JoinedMember.findById(id);
        if (m == null) {
            m = new JoinedMember();
            m.memberId = id;
        }
        m.orgId = d.path("orgId").asLong();
        m.orgPath = d.path("orgPath").asText();
        m.joinedAt = OffsetDateTime.parse(d.path("joinedAt").asText());
        m.via = d.path("via").asText();
        m.leftAt = null;
        m.persist();
    }
}
