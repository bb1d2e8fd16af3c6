package io.gucun.rights.partner;

import io.gucun.common.inbox.Inbox;
import io.gucun.common.webhook.WebhookCatalog;
import io.gucun.common.webhook.WebhookFanOut;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What rights offers partners by webhook, and its fan-out: this service's own blacklist events (from Kafka, at least
 * once) become one pending delivery per subscription that wants the type. A redelivered event adds nothing.
 */
@ApplicationScoped
public class BlacklistWebhooks {

    static final String CONSUMER = "rights.webhook-blacklist";

    @Inject
    Inbox inbox;

    @Inject
    WebhookFanOut fanOut;

    @Produces
    @Singleton
    WebhookCatalog catalog() {
        return new WebhookCatalog("/gucun/rights", PartnerEvents.WEBHOOK_TYPES);
    }

    @Incoming("webhook-blacklist")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        // a redelivered event adds nothing (the fan-out is keyed by event id), so no processed-event row is needed
        return inbox.each(CONSUMER, message, event -> fanOut.fanOut(event.id(), event.name(), event.subject(), event.data()));
    }
}
