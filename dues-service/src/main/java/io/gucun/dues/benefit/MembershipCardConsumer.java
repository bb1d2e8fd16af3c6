package io.gucun.dues.benefit;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.outbox.EventEnvelope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Card events: remembers which org issued each card and turns redemptions into spending on members, once per event. */
@ApplicationScoped
public class MembershipCardConsumer {

    static final String CONSUMER = "dues.membership-card";

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Inject
    BenefitSpending spending;

    @Incoming("membership-card")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, this::apply);
    }

    void apply(EventEnvelope event) {
        JsonNode d = event.data();
        switch (event.name()) {
            case "CardIssued" -> em.createNativeQuery("insert into known_card (card_id, member_id, org_id) values (?1, ?2, ?3)"
                            + " on conflict (card_id) do update set org_id = excluded.org_id")
                    .setParameter(1, d.path("cardId").asLong()).setParameter(2, d.path("memberId").asLong())
                    .setParameter(3, d.path("orgId").asLong()).executeUpdate();
            case "BenefitRedeemed" -> spending.redeemed(d.path("redemptionId").asLong(), d.path("benefitId").asLong(),
                    d.path("cardId").asLong(), d.path("memberId").asLong(), d.path("kind").asText(),
                    OffsetDateTime.parse(d.path("at").asText()));
            default -> {
                // tolerant reader: status changes do not move money
            }
        }
    }
}
