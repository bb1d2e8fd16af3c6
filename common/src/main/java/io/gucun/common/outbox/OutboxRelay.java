package io.gucun.common.outbox;

import io.gucun.common.schema.SchemaMigrator;
import io.gucun.common.time.BusinessTime;
import io.gucun.telemetry.TraceContexts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in insertion order and marks them published in the same transaction
 * that read them. If the process dies after sending but before that commit, the rows are sent again
 * on restart with the same event ids (at least once); consumers dedupe on the id, so each takes effect once.
 *
 * <p>A transaction-scoped advisory lock makes one instance of a service the relay at a time, which keeps
 * per-aggregate order when several instances share a database.
 *
 * <p>An event Kafka refuses (too large, topic missing, not authorized) is parked rather than holding up the whole
 * outbox; only its aggregate's later events wait behind it (see {@link #publishBatch}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant works: each service has its own database. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    @Inject
    EntityManager em;

    @Inject
    SchemaMigrator schema;

    @Inject
    BusinessTime time;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "gucun.service.name")
    String service;

    @ConfigProperty(name = "gucun.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "gucun.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "gucun.outbox.send-timeout", defaultValue = "PT30S")
    Duration sendTimeout;

    @ConfigProperty(name = "gucun.outbox.retention", defaultValue = "P7D")
    Duration retention;

    /** One thread: drains never overlap inside an instance, and callers never wait for Kafka. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-sender");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicLong oldestUnpublishedSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    /** Failed sends, while Kafka accepted other events, after which an event is parked (e.g. its topic is missing). */
    static final int PARK_AFTER_FAILED_SENDS = 3;
    private final AtomicBoolean paused = new AtomicBoolean();

    @Inject
    MeterRegistry registry;

    void registerGauges(@Observes StartupEvent event) {
        Gauge.builder("gucun.outbox.oldest.unpublished.seconds", oldestUnpublishedSeconds, AtomicLong::get)
                .description("Age of the oldest outbox event not yet published (parked or waiting); 0 when none")
                .baseUnit("seconds").register(registry);
        Gauge.builder("gucun.outbox.parked", parked, AtomicLong::get)
                .description("Outbox events parked because Kafka refused them").register(registry);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        requestDrain();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxBatchWritten written) {
        requestDrain();
    }

    /**
     * Stops automatic publishing (events keep accumulating safely in the outbox), e.g. for maintenance.
     * Returns once a drain already under way has finished.
     */
    public void pause() {
        paused.set(true);
        try {
            worker.submit(() -> { }).get(sendTimeout.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("outbox relay did not settle while pausing: %s", e.toString());
        }
    }

    public void resume() {
        paused.set(false);
        requestDrain();
    }

    void requestDrain() {
        if (enabled && !paused.get() && !worker.isShutdown() && drainQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    drainQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: the outbox keeps the events for the next start
                drainQueued.set(false);
            }
        }
    }

    void drain() {
        if (paused.get() || !schema.isReady()) {
            return;
        }
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().timeout((int) sendTimeout.toSeconds() * 3).call(this::publishBatch);
            } while (sent == batchSize);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay could not publish, will retry: %s", e.toString());
        }
    }

    /**
     * Sends the next batch and marks what Kafka accepted published, in the caller's transaction; returns how many were
     * published (0 when another instance holds the relay lock). Public so tests can stage a relay dying before its
     * commit.
     * <p>
     * One aggregate's events go out one after the other, each after the previous one's ack, so a refused event is never
     * overtaken by a later one of its aggregate; different aggregates go out side by side. An event Kafka refuses for
     * good ({@link #refusedForGood}), or keeps refusing while it accepts the others, is parked: the rest of the outbox
     * keeps flowing, its own aggregate's later events wait behind it until an operator retries it ({@link #retryParked}).
     */
    public int publishBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<OutboxEvent> batch = em.createQuery("""
                        from OutboxEvent e where e.publishedAt is null and e.parkedAt is null
                        and not exists (from OutboxEvent p where p.parkedAt is not null and p.publishedAt is null
                            and p.aggregateType = e.aggregateType and p.aggregateId = e.aggregateId and p.seq < e.seq)
                        order by e.seq""", OutboxEvent.class)
                .setMaxResults(batchSize).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        Map<Long, Throwable> refused = new HashMap<>();
        List<Long> sent = sendAll(batch, refused);
        if (!sent.isEmpty()) {
            em.createQuery("update OutboxEvent set publishedAt = :now where seq in :seqs")
                    .setParameter("now", time.now())
                    .setParameter("seqs", sent)
                    .executeUpdate();
        }
        for (OutboxEvent e : batch) {
            Throwable failure = refused.get(e.seq);
            if (failure == null) {
                continue;
            }
            // Kafka accepting others means this event's own topic or size is the problem, not an outage
            if (!sent.isEmpty()) {
                e.failedSends++;
            }
            if (refusedForGood(failure) || e.failedSends >= PARK_AFTER_FAILED_SENDS) {
                e.parkedAt = time.now();
                e.parkReason = reason(failure);
                LOG.errorf("outbox event %s (%s of %s %s, topic %s) parked: %s; its aggregate's later events wait for it",
                        e.eventId, e.eventType, e.aggregateType, e.aggregateId, e.topic, e.parkReason);
            }
        }
        if (sent.isEmpty() && !refused.isEmpty()) {
            LOG.warnf("outbox relay could not publish, will retry: %s", reason(refused.values().iterator().next()));
        }
        return sent.size();
    }

    /** Whether Kafka refused the event itself, for a reason sending it again will not change. */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof AuthorizationException || t instanceof InvalidTopicException
                    || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** The Kafka exceptions' classes and messages: they name topics and sizes, never the payload. */
    static String reason(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null && out.length() < 250; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t.getClass().getName().startsWith("org.apache.kafka.") && t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.length() > 300 ? out.substring(0, 300) : out.toString();
    }

    /**
     * Sends on a thread of its own and waits for every aggregate's chain of acks; returns the seqs Kafka accepted and
     * puts the failure of each refused one in {@code refused} (events after a refused one of their aggregate are not
     * tried). That thread carries no transaction: context propagation would otherwise tie the Kafka callbacks to the
     * relay's transaction, and the commit that marks the rows would then fail with "multiple threads active".
     */
    private List<Long> sendAll(List<OutboxEvent> batch, Map<Long, Throwable> refused) {
        Map<List<String>, List<OutboxEvent>> byAggregate = new LinkedHashMap<>();
        for (OutboxEvent e : batch) {
            byAggregate.computeIfAbsent(List.of(e.aggregateType, e.aggregateId), k -> new ArrayList<>()).add(e);
        }
        List<Long> sent = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Throwable> failures = new ConcurrentHashMap<>();
        try {
            sender.submit(() -> {
                List<Uni<Boolean>> chains = byAggregate.values().stream().map(events -> inOrder(events, sent, failures)).toList();
                Uni.join().all(chains).andCollectFailures().await().atMost(sendTimeout.multipliedBy(2));
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        refused.putAll(failures);
        List<Long> accepted;
        synchronized (sent) {
            accepted = List.copyOf(sent);
        }
        return accepted;
    }

    /** One aggregate's events, each sent once the previous one is acknowledged; stops at the first refusal. */
    private Uni<Boolean> inOrder(List<OutboxEvent> events, List<Long> sent, Map<Long, Throwable> failures) {
        Uni<Boolean> chain = Uni.createFrom().item(true);
        for (OutboxEvent e : events) {
            chain = chain.chain(previousSent -> !previousSent ? Uni.createFrom().item(false)
                    : Uni.createFrom().deferred(() -> send(e)).ifNoItem().after(sendTimeout).fail()
                            .onItem().transform(v -> {
                                sent.add(e.seq);
                                return true;
                            })
                            .onFailure().recoverWithItem(f -> {
                                failures.put(e.seq, f);
                                return false;
                            }));
        }
        return chain;
    }

    /**
     * Unparks parked events (all of them, or only {@code eventId}) for the relay's next drain, e.g. after the topic was
     * created or its size limit raised; returns how many. An event refused again is parked again.
     */
    public int retryParked(UUID eventId) {
        int unparked = QuarkusTransaction.requiringNew().call(() -> {
            var update = em.createQuery("update OutboxEvent set parkedAt = null, parkReason = null, failedSends = 0"
                    + " where parkedAt is not null and publishedAt is null" + (eventId == null ? "" : " and eventId = :id"));
            if (eventId != null) {
                update.setParameter("id", eventId);
            }
            return update.executeUpdate();
        });
        requestDrain();
        return unparked;
    }

    private Uni<Void> send(OutboxEvent e) {
        var cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(e.eventId.toString())
                .withType(Outbox.cloudEventType(service, e.eventType))
                .withSource(URI.create("/gucun/" + service))
                .withSubject(e.aggregateId)
                .withTimestamp(e.occurredAt.toZonedDateTime())
                .withDataContentType("application/json");
        if (e.traceParent != null) {
            // CloudEvents' distributed tracing extension (ce_traceparent): the request that recorded the event
            cloudEvent.withExtension(TraceContexts.TRACEPARENT, e.traceParent);
        }
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withTopic(e.topic).withKey(e.aggregateId).build();
        if (e.traceParent == null) {
            return emitter.sendMessage(Message.of(e.payload, Metadata.of(cloudEvent.build(), kafka)));
        }
        // The Kafka connector's publish span becomes a child of the recording request's span and writes its own
        // traceparent header, which the consumers continue (Inbox)
        var trace = TracingMetadata.withCurrent(TraceContexts.fromTraceparent(e.traceParent));
        return emitter.sendMessage(Message.of(e.payload, Metadata.of(cloudEvent.build(), kafka, trace)));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prunePublished() {
        if (!schema.isReady()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> em
                .createQuery("delete from OutboxEvent where publishedAt < :cutoff")
                .setParameter("cutoff", time.now().minus(retention))
                .executeUpdate());
    }

    /** Pending rows, for health and metrics. */
    public long pending() {
        return QuarkusTransaction.requiringNew().call(() ->
                em.createQuery("select count(e) from OutboxEvent e where e.publishedAt is null", Long.class).getSingleResult());
    }

    /**
     * Refreshes the gauges {@code gucun_outbox_oldest_unpublished_seconds} (age of the oldest event not yet published,
     * parked or not; 0 when none: alert when it grows) and {@code gucun_outbox_parked} (events parked). Read here, not
     * at scrape time, so a scrape never waits for the database.
     */
    @Scheduled(every = "${gucun.outbox.metrics-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void measure() {
        if (!schema.isReady()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                OffsetDateTime oldest = em.createQuery("select min(e.occurredAt) from OutboxEvent e where e.publishedAt is null",
                        OffsetDateTime.class).getSingleResult();
                oldestUnpublishedSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, time.now()).toSeconds()));
                parked.set(em.createQuery("select count(e) from OutboxEvent e where e.parkedAt is not null and e.publishedAt is null",
                        Long.class).getSingleResult());
            });
        } catch (RuntimeException e) {
            LOG.debugf("outbox gauges not refreshed: %s", e.toString());
        }
    }

    /** The last measured values (see {@link #measure}). */
    public long oldestUnpublishedSeconds() {
        return oldestUnpublishedSeconds.get();
    }

    public long parked() {
        return parked.get();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
        sender.shutdown();
    }
}
