package io.gucun.common.webhook;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A partner's webhooks: registration, secret rotation, the delivery log and replays from the dead-letter state. Each
 * partner sees only its own subscriptions; what it may subscribe to is the service's {@link WebhookCatalog}.
 */
@ApplicationScoped
public class WebhookService {

    @Inject
    Instance<WebhookCatalog> catalog;

    @Inject
    CallerScope caller;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.webhooks.rotation-overlap", defaultValue = "PT24H")
    Duration rotationOverlap;

    @Inject
    WebhookHostResolver resolver;

    @Inject
    EntityManager em;

    /**
     * Only a developer machine's stack (./gucun run) and the tests set it: a partner may try its receiver on loopback
     * (over plain http too). Never any other non-public address.
     */
    @ConfigProperty(name = "gucun.webhooks.allow-loopback-http", defaultValue = "false")
    boolean allowLoopbackHttp;

    /** Active subscriptions one partner may have: each costs a delivery per event, so they are few. */
    @ConfigProperty(name = "gucun.webhooks.max-subscriptions-per-partner", defaultValue = "5")
    int maxSubscriptions;

    /** The partner the caller is (its role); 403 for anyone else. */
    String partner() {
        return catalog.get().partners().stream().filter(caller::hasRole).findFirst()
                .orElseThrow(() -> ApiException.forbidden("webhooks are for partners"));
    }

    @Transactional
    public WebhookDtos.WithSecret register(WebhookDtos.Registration r) {
        String partner = partner();
        String url = r.url().trim();
        new WebhookEndpoint(resolver, allowLoopbackHttp).problemWith(url).ifPresent(p -> {
            throw ApiException.invalid("url", p);
        });
        Set<String> types = new LinkedHashSet<>();
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < r.eventTypes().size(); i++) {
            String type = r.eventTypes().get(i).trim();
            if (!catalog.get().offers(type, partner)) {
                unknown.add(new FieldError("eventTypes[" + i + "]", "is not an event type offered to " + partner
                        + "; offered: " + catalog.get().offeredTo(partner)));
            }
            types.add(type);
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(422, "unknown-event-type", "Rule violated",
                    unknown.size() == 1 ? unknown.getFirst().field() + " " + unknown.getFirst().message()
                            : unknown.size() + " event types are not offered", unknown, null);
        }
        WebhookSubscription existing = WebhookSubscription.find("partner = ?1 and url = ?2 and active = true", partner, url).firstResult();
        if (existing != null) {
            throw ApiException.conflict("webhook-exists", "this endpoint is registered already (subscription " + existing.id
                    + "); rotate its secret or delete it first", Map.of("subscriptionId", existing.id));
        }
        // Serializes one partner's registrations, so two at once cannot both pass the count.
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, "webhook-subscriptions:" + partner).getSingleResult();
        long active = WebhookSubscription.count("partner = ?1 and active = true", partner);
        if (active >= maxSubscriptions) {
            throw ApiException.conflict("webhook-limit", "a partner may have at most " + maxSubscriptions
                    + " active webhook subscriptions; delete one first", Map.of("limit", maxSubscriptions));
        }
        String secret = WebhookSignature.newSecret();
        WebhookSubscription s = new WebhookSubscription();
        s.partner = partner;
        s.url = url;
        s.eventTypes = String.join(",", types);
        s.secretCipher = cipher.encrypt(secret);
        s.active = true;
        s.createdAt = now();
        s.createdBy = caller.username();
        s.persistAndFlush();
        return new WebhookDtos.WithSecret(WebhookDtos.SubscriptionView.of(s), secret);
    }

    public List<WebhookDtos.SubscriptionView> list() {
        return WebhookSubscription.<WebhookSubscription>list("partner = ?1 and active = true", Sort.by("id"), partner())
                .stream().map(WebhookDtos.SubscriptionView::of).toList();
    }

    /** The caller's own subscription; 404 for another partner's (its existence is not theirs to know). */
    WebhookSubscription own(long id, boolean forUpdate) {
        WebhookSubscription s = forUpdate ? WebhookSubscription.findById(id, LockModeType.PESSIMISTIC_WRITE) : WebhookSubscription.findById(id);
        if (s == null || !s.active || !s.partner.equals(partner())) {
            throw ApiException.notFound("webhook subscription", id);
        }
        return s;
    }

    public WebhookDtos.SubscriptionView get(long id) {
        return WebhookDtos.SubscriptionView.of(own(id, false));
    }

    @Transactional
    public void delete(long id) {
        WebhookSubscription s = own(id, true);
        s.active = false;
        s.deactivatedAt = now();
    }

    /**
     * A new secret signs from now on; the current one keeps signing too until the overlap ends, so the partner can
     * switch its receiver at any moment of that window without rejecting a delivery.
     */
    @Transactional
    public WebhookDtos.WithSecret rotate(long id) {
        WebhookSubscription s = own(id, true);
        String secret = WebhookSignature.newSecret();
        s.previousSecretCipher = s.secretCipher;
        s.previousSecretUntil = now().plus(rotationOverlap);
        s.secretCipher = cipher.encrypt(secret);
        return new WebhookDtos.WithSecret(WebhookDtos.SubscriptionView.of(s), secret);
    }

    /** The delivery log, newest first; {@code stateParam} (PENDING, DELIVERED, DEAD or blank) filters it. */
    public Page<WebhookDtos.DeliveryView> deliveries(long id, String stateParam, PageRequest page) {
        DeliveryState state = state(stateParam);
        WebhookSubscription s = own(id, false);
        var query = state == null ? WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1", Sort.by("id").descending(), s.id)
                : WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and state = ?2", Sort.by("id").descending(), s.id, state);
        long total = query.count();
        return new Page<>(query.page(page.page(), page.size()).list(), page.page(), page.size(), total).map(WebhookDtos.DeliveryView::of);
    }

    /** A dead delivery goes back to PENDING with a fresh retry budget; 409 for one that is not dead. */
    @Transactional
    public WebhookDtos.DeliveryView replay(long id, long deliveryId) {
        WebhookSubscription s = own(id, false);
        WebhookDelivery d = WebhookDelivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || !d.subscriptionId.equals(s.id)) {
            throw ApiException.notFound("delivery", deliveryId);
        }
        if (!d.state.canReplay()) {
            throw ApiException.conflict("delivery-not-dead", "delivery " + deliveryId + " is " + d.state
                    + "; only a DEAD delivery is replayed", Map.of("state", d.state.name()));
        }
        d.state = DeliveryState.PENDING;
        d.attempts = 0;
        d.replays++;
        d.deadAt = null;
        d.nextAttemptAt = now();
        dispatcher.wakeAfterCommit();
        return WebhookDtos.DeliveryView.of(d);
    }

    /** Replays every dead delivery of the subscription; returns how many. */
    @Transactional
    public int replayAllDead(long id) {
        WebhookSubscription s = own(id, false);
        int n = WebhookDelivery.update("state = ?1, attempts = 0, replays = replays + 1, deadAt = null, nextAttemptAt = ?2"
                + " where subscriptionId = ?3 and state = ?4", DeliveryState.PENDING, now(), s.id, DeliveryState.DEAD);
        dispatcher.wakeAfterCommit();
        return n;
    }

    private static DeliveryState state(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return DeliveryState.valueOf(s.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("state", "must be PENDING, DELIVERED or DEAD");
        }
    }

    private OffsetDateTime now() {
        return time.now();
    }
}
