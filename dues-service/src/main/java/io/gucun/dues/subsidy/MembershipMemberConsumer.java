package io.gucun.dues.subsidy;

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

/** MemberJoined → the recruitment subsidy, applied once per event (and, by the subsidy's own key, once per member). */
@ApplicationScoped
public class MembershipMemberConsumer {

    static final String CONSUMER = "dues.membership-member";

    @Inject
    Inbox inbox;

    @Inject
    SubsidyService subsidies;

    @Incoming("membership-member")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, this::apply);
    }

    void apply(EventEnvelope event) {
        if (!"MemberJoined".equals(event.name())) {
            return; // tolerant reader: other member events do not move money
        }
        JsonNode d = event.data();
        subsidies.memberJoined(d.path("memberId").asLong(), d.path("orgId").asLong(), d.path("orgPath").asText(),
                OffsetDateTime.parse(d.path("joinedAt").asText()));
    }
}
