package io.gucun.rights.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.outbox.EventEnvelope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the local org tree and enterprise register in step with membership-service, once per event
 * (the Inbox dedupes redeliveries). Tolerant reader: unknown types are skipped, unknown fields ignored.
 */
@ApplicationScoped
public class MembershipConsumer {

    static final String ORG_CONSUMER = "rights.membership-org";
    static final String ENTERPRISE_CONSUMER = "rights.membership-enterprise";

    @Inject
    Inbox inbox;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> consumeOrg(Message<String> message) {
        return inbox.once(ORG_CONSUMER, message, this::applyOrg);
    }

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> consumeEnterprise(Message<String> message) {
        return inbox.once(ENTERPRISE_CONSUMER, message, this::applyEnterprise);
    }

    void applyOrg(EventEnvelope event) {
        JsonNode d = event.data();
        switch (event.name()) {
            case "OrgCreated" -> created(d);
            case "OrgRenamed" -> KnownOrg.update("name = ?1 where id = ?2", d.path("newName").asText(), d.path("orgId").asLong());
            case "OrgMoved" -> moved(d);
            case "OrgClosed" -> KnownOrg.update("closedAt = ?1 where id = ?2",
                    d.hasNonNull("closedAt") ? OffsetDateTime.parse(d.get("closedAt").asText()) : OffsetDateTime.now(),
                    d.path("orgId").asLong());
            default -> {
            }
        }
    }

    void applyEnterprise(EventEnvelope event) {
        JsonNode d = event.data();
        switch (event.name()) {
            case "EnterpriseRegistered" -> registered(d);
            case "UnionFounded" -> KnownEnterprise.update("unionOrgId = ?1, unionFoundedAt = ?2 where id = ?3",
                    d.path("unionOrgId").asLong(),
                    d.hasNonNull("foundedAt") ? OffsetDateTime.parse(d.get("foundedAt").asText()) : OffsetDateTime.now(),
                    d.path("enterpriseId").asLong());
            default -> {
            }
        }
    }

    private void created(JsonNode d) {
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
        org.persist();
    }

    /** The whole subtree moves with the org: every local path under the old one is rewritten. */
    private void moved(JsonNode d) {
        String newPath = d.path("newPath").asText();
        String oldPath = d.path("oldPath").asText();
        // Every stored path under the moved org: the tree, enterprises, cases (scope checks) and blacklist entries.
        for (String[] target : new String[][] {{"known_org", "path"}, {"known_enterprise", "org_path"},
                {"rights_case", "reporting_org_path"}, {"rights_case", "coordinator_org_path"},
                {"blacklist_entry", "enterprise_org_path"}}) {
            String column = target[1];
            KnownOrg.getEntityManager().createNativeQuery(
                            // new parent's path || the part from the moved org down (subpath cannot return an empty ltree)
                            "update " + target[0] + " set " + column
                                    + " = subpath(cast(?1 as ltree), 0, nlevel(cast(?1 as ltree)) - 1)"
                                    + " || subpath(" + column + ", nlevel(cast(?2 as ltree)) - 1)"
                                    + " where " + column + " <@ cast(?2 as ltree)")
                    .setParameter(1, newPath)
                    .setParameter(2, oldPath)
                    .executeUpdate();
        }
        KnownOrg.update("parentId = ?1 where id = ?2", d.path("newParentId").asLong(), d.path("orgId").asLong());
    }

    private void registered(JsonNode d) {
        long id = d.path("enterpriseId").asLong();
        KnownEnterprise e = KnownEnterprise.findById(id);
        if (e == null) {
            e = new KnownEnterprise();
            e.id = id;
        }
        e.creditCode = d.path("creditCode").asText().toUpperCase();
        e.name = d.path("name").asText();
        e.orgId = d.path("orgId").asLong();
        e.orgPath = d.path("orgPath").asText();
        e.persist();
    }
}
