package io.gucun.dues.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.outbox.ProcessedEvents;
import io.gucun.dues.ledger.LedgerAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
    ObjectMapper mapper;

    @Inject
    ProcessedEvents processed;

    @Inject
    LedgerAccounts accounts;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        EventEnvelope event = EventEnvelope.from(message, mapper);
        QuarkusTransaction.requiringNew().run(() -> {
            if (processed.firstTime(CONSUMER, event.id())) {
                apply(event);
            }
        });
        return message.ack();
    }

    void apply(EventEnvelope event) {
        // Tolerant reader: unknown event types of the aggregate are skipped, unknown fields ignored.
        if (!"OrgCreated".equals(event.name())) {
            return;
        }
        JsonNode d = event.data();
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
