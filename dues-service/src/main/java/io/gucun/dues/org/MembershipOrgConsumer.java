package io.gucun.dues.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.dues.ledger.LedgerAccounts;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Keeps the local org tree in step with membership-service and opens each new org's ledger accounts, once per event. */
@ApplicationScoped
public class MembershipOrgConsumer {

    private static final Logger LOG = Logger.getLogger(MembershipOrgConsumer.class);
    static final String CONSUMER = "dues.membership-org";

    @Inject
    Inbox inbox;

    @Inject
    LedgerAccounts accounts;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, this::apply);
    }

    void apply(EventEnvelope event) {
        // Tolerant reader: unknown event types of the aggregate are skipped, unknown fields ignored.
        switch (event.name()) {
            case "OrgCreated" -> created(event.data());
            case "OrgRenamed" -> KnownOrg.update("name = ?1 where id = ?2", event.data().path("newName").asText(),
                    event.data().path("orgId").asLong());
            case "OrgMoved" -> moved(event.data());
            default -> {
            }
        }
    }

    /** The whole subtree moves with the org, so every local path under the old one is rewritten. */
    private void moved(JsonNode d) {
        KnownOrg.getEntityManager().createNativeQuery(
                        // new parent's path || the part from the moved org down (subpath cannot return an empty ltree)
                        "update known_org set path = subpath(cast(?1 as ltree), 0, nlevel(cast(?1 as ltree)) - 1)"
                                + " || subpath(path, nlevel(cast(?2 as ltree)) - 1)"
                                + " where path <@ cast(?2 as ltree)")
                .setParameter(1, d.path("newPath").asText())
                .setParameter(2, d.path("oldPath").asText())
                .executeUpdate();
        KnownOrg.update("parentId = ?1 where id = ?2", d.path("newParentId").asLong(), d.path("orgId").asLong());
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
        int opened = accounts.openFor(orgId);
        LOG.debugf("org %d known; %d ledger accounts opened", orgId, opened);
    }
}
