package io.gucun.dues.org;

import io.gucun.common.inbox.Inbox;
import io.gucun.common.replica.OrgReplica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the local org tree (common's org replica) in step with membership-service, once per event. A new org's
 * ledger accounts open in the ledger, on the replica's OrgCreatedSeen.
 */
@ApplicationScoped
public class MembershipOrgConsumer {

    static final String CONSUMER = "dues.membership-org";

    @Inject
    Inbox inbox;

    @Inject
    OrgReplica replica;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, replica.events());
    }
}
