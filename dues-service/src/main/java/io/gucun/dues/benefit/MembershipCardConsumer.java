package io.gucun.dues.benefit;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.events.membership.CardEvents.BenefitRedeemed;
import io.gucun.events.membership.CardEvents.CardIssued;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    /** Tolerant reader: status changes do not move money. */
    private final EventReader events = EventReader.reading()
            .on(CardIssued.class, this::issued, "cardId", "memberId", "orgId")
            .on(BenefitRedeemed.class, this::redeemed, "redemptionId", "benefitId", "cardId", "memberId", "kind", "at");

    @Incoming("membership-card")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, events);
    }

    EventReader events() {
        return events;
    }

    void issued(CardIssued e) {
        em.createNativeQuery("insert into known_card (card_id, member_id, org_id) values (?1, ?2, ?3)"
                        + " on conflict (card_id) do update set org_id = excluded.org_id")
                .setParameter(1, e.cardId()).setParameter(2, e.memberId()).setParameter(3, e.orgId()).executeUpdate();
    }

    void redeemed(BenefitRedeemed e) {
        if (e.kind() == null) {
            throw new IllegalArgumentException("BenefitRedeemed " + e.redemptionId() + " names a benefit kind dues does not know");
        }
        spending.redeemed(e.redemptionId(), e.benefitId(), e.cardId(), e.memberId(), e.kind().name(), e.at());
    }
}
