package io.gucun.dues.enterprise;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.replica.EnterpriseReplica;
import io.gucun.dues.collection.Suspense;
import io.gucun.events.membership.EnterpriseEvents.EnterpriseRegistered;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the local enterprise register (common's replica) in step with membership's enterprise events, once per event;
 * a registered firm then takes the money held in suspense for its credit code, in the same transaction.
 */
@ApplicationScoped
public class MembershipEnterpriseConsumer {

    static final String CONSUMER = "dues.membership-enterprise";

    @Inject
    Inbox inbox;

    @Inject
    EnterpriseReplica replica;

    @Inject
    Suspense suspense;

    private final EventReader suspenseReader = EventReader.reading()
            .on(EnterpriseRegistered.class, e -> suspense.registered(e), "enterpriseId");

    /** What dues reads from membership.enterprise.v1 besides the replica (for the contract tests). */
    EventReader suspenseEvents() {
        return suspenseReader;
    }

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, event -> {
            replica.events().apply(CONSUMER, event); // the replica first: the reassignment reads the registered firm
            suspenseReader.apply(CONSUMER, event);
        });
    }
}
