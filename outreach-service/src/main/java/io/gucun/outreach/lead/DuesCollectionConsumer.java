package io.gucun.outreach.lead;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.events.dues.CollectionEvents.CollectionSuspended;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads dues' collection events: union funds held in suspense name a firm the union has not registered, which becomes
 * a lead for the town (the other collection events are skipped). Once per event (Inbox).
 */
@ApplicationScoped
public class DuesCollectionConsumer {

    static final String CONSUMER = "outreach.dues-collection";

    @Inject
    Inbox inbox;

    @Inject
    LeadService leads;

    private final EventReader collectionEvents = EventReader.reading()
            .on(CollectionSuspended.class, e -> leads.moneySuspended(e), "collectionId", "creditCode", "period", "amount",
                    "suspenseOrgId", "suspenseOrgPath");

    /** What outreach reads from dues.collection.v1 (for the contract tests). */
    EventReader collectionEvents() {
        return collectionEvents;
    }

    @Incoming("dues-collection")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, collectionEvents);
    }
}
