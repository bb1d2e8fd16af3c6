package io.gucun.common.webhook;

import io.gucun.common.db.AfterCommit;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.schema.SchemaMigrator;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Posts pending deliveries on threads of its own, so a slow or dead receiver never holds up a request or a consumer:
 * each attempt is bounded by the connect and request timeouts, at most {@code threads} run at once, and a claim is a
 * lease (next_attempt_at pushed past the attempt's longest time) taken with SKIP LOCKED, so several instances share
 * the work without posting one delivery twice at a time. Failures retry with exponential backoff; after the budget
 * the delivery is DEAD until the partner replays it. Settings: {@code gucun.webhooks.*}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    EntityManager em;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    SchemaMigrator schema;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Instance<WebhookCatalog> catalog;

    @Inject
    BusinessTime time;

    @Inject
    Vertx vertx;

    @Inject
    WebhookHostResolver resolver;

    @ConfigProperty(name = "gucun.webhooks.allow-loopback-http", defaultValue = "false")
    boolean allowLoopback;

    @ConfigProperty(name = "gucun.webhooks.threads", defaultValue = "4")
    int threads;

    @ConfigProperty(name = "gucun.webhooks.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @ConfigProperty(name = "gucun.webhooks.request-timeout", defaultValue = "PT10S")
    Duration requestTimeout;

    @ConfigProperty(name = "gucun.webhooks.retry.first", defaultValue = "PT30S")
    Duration retryFirst;

    @ConfigProperty(name = "gucun.webhooks.retry.max", defaultValue = "PT6H")
    Duration retryMax;

    @ConfigProperty(name = "gucun.webhooks.retry.attempts", defaultValue = "12")
    int retryAttempts;

    private RetrySchedule schedule;
    private WebhookSender sender;
    private ExecutorService posters;
    private Semaphore free;
    private final ExecutorService claimer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-claimer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean claimQueued = new AtomicBoolean();

    /** One attempt's worth of what the poster needs, read in the claiming transaction. */
    record Claim(long deliveryId, long subscriptionId, String eventId, String eventType, String url, String body, List<String> secrets) {
    }

    @PostConstruct
    void init() {
        schedule = new RetrySchedule(retryFirst, retryMax, retryAttempts, 0.1);
        sender = new WebhookSender(vertx, new WebhookEndpoint(resolver, allowLoopback), connectTimeout, requestTimeout);
        free = new Semaphore(threads);
        posters = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "webhook-poster");
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(every = "${gucun.webhooks.dispatch-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        // A service that offers no webhooks (no catalog) has no webhook tables either.
        if (catalog.isResolvable() && schema.isReady()) {
            wake();
        }
    }

    /** Claims and posts what is due, soon, on the dispatcher's threads; returns at once. */
    public void wake() {
        if (!claimer.isShutdown() && claimQueued.compareAndSet(false, true)) {
            try {
                claimer.execute(() -> {
                    claimQueued.set(false);
                    claimDue();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                claimQueued.set(false);
            }
        }
    }

    /** Wakes the dispatcher once the caller's transaction has committed. */
    public void wakeAfterCommit() {
        AfterCommit.run(transactions, this::wake);
    }

    void claimDue() {
        try {
            while (true) {
                int slots = free.availablePermits();
                if (slots == 0) {
                    return;
                }
                List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> claim(slots));
                for (Claim c : claims) {
                    free.acquireUninterruptibly();
                    posters.execute(() -> {
                        try {
                            attempt(c);
                        } finally {
                            free.release();
                            wake();
                        }
                    });
                }
                if (claims.size() < slots) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("webhook dispatcher could not claim deliveries, will retry: %s", e.getClass().getName());
        }
    }

    List<Claim> claim(int max) {
        OffsetDateTime now = time.now();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select d.id from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id"
                        + " where d.state = 'PENDING' and d.next_attempt_at <= ?1 and s.active order by d.next_attempt_at, d.id"
                        + " limit ?2 for update of d skip locked")
                .setParameter(1, now).setParameter(2, max).getResultList();
        List<Claim> claims = new ArrayList<>();
        OffsetDateTime lease = now.plus(connectTimeout).plus(requestTimeout).plusSeconds(30);
        for (Number id : ids) {
            WebhookDelivery d = WebhookDelivery.findById(id.longValue());
            WebhookSubscription s = WebhookSubscription.findById(d.subscriptionId);
            d.nextAttemptAt = lease;
            List<String> secrets = new ArrayList<>(List.of(cipher.decrypt(s.secretCipher)));
            if (s.previousSecretValid(now)) {
                secrets.add(cipher.decrypt(s.previousSecretCipher));
            }
            claims.add(new Claim(d.id, s.id, d.eventId, d.eventType, s.url, d.body, secrets));
        }
        return claims;
    }

    void attempt(Claim c) {
        byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = time.instant().getEpochSecond();
        WebhookSender.Outcome outcome;
        try {
            outcome = sender.post(c.url(), body, Map.of(
                    WebhookSignature.HEADER, WebhookSignature.header(timestamp, body, c.secrets()),
                    "Gucun-Event-Id", c.eventId(),
                    "Gucun-Event-Type", c.eventType(),
                    "Gucun-Delivery-Id", String.valueOf(c.deliveryId())),
                    "delivery " + c.deliveryId() + " of subscription " + c.subscriptionId());
        } catch (RuntimeException e) {
            LOG.warnf("webhook delivery %d failed unexpectedly: %s", c.deliveryId(), e);
            outcome = new WebhookSender.Outcome(0, WebhookSender.CONNECTION_FAILED);
        }
        WebhookSender.Outcome result = outcome;
        try {
            QuarkusTransaction.requiringNew().run(() -> record(c.deliveryId(), result));
        } catch (RuntimeException e) {
            // The lease runs out and the delivery is attempted again: at least once.
            LOG.warnf("could not record the outcome of webhook delivery %d: %s", c.deliveryId(), e.getClass().getName());
        }
    }

    void record(long deliveryId, WebhookSender.Outcome outcome) {
        WebhookDelivery d = WebhookDelivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || d.state != DeliveryState.PENDING) {
            return;
        }
        OffsetDateTime now = time.now();
        d.attempts++;
        d.lastAttemptAt = now;
        d.lastStatus = outcome.status() == 0 ? null : outcome.status();
        // Generic on purpose: the partner must not learn the inside of the network from it (WebhookSender).
        d.lastError = outcome.succeeded() ? null : truncate(outcome.shown());
        d.state = DeliveryState.afterAttempt(DeliveryState.PENDING, outcome.succeeded(), d.attempts, schedule);
        switch (d.state) {
            case DELIVERED -> {
                d.deliveredAt = now;
                d.nextAttemptAt = null;
            }
            case PENDING -> d.nextAttemptAt = schedule.nextAttempt(d.attempts, now.toInstant()).orElseThrow().atOffset(ZoneOffset.UTC);
            case DEAD -> {
                d.deadAt = now;
                d.nextAttemptAt = null;
            }
        }
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    void onStop(@Observes ShutdownEvent event) {
        claimer.shutdownNow();
        if (posters != null) {
            posters.shutdownNow();
        }
        if (sender != null) {
            sender.close();
        }
    }
}
