package io.gucun.dues.enterprise;

import io.gucun.common.inbox.Inbox;
import io.gucun.common.replica.EnterpriseReplica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps the local enterprise register (common's replica) in step with membership's enterprise events, once per event. */
@ApplicationScoped
public class MembershipEnterpriseConsumer {

    static final String CONSUMER = "dues.membership-enterprise";

    @Inject
    Inbox inbox;

    @Inject
    EnterpriseReplica replica;

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, replica.events());
    }
}
