package io.gucun.common.outbox;

import io.gucun.common.schema.SchemaMigrator;
import io.gucun.common.time.BusinessTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final AtomicBoolean paused = new AtomicBoolean();

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
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
                sent = QuarkusTransaction.requiringNew().timeout((int) sendTimeout.toSeconds() * 2).call(this::publishBatch);
            } while (sent == batchSize);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay could not publish, will retry: %s", e.toString());
        }
    }

    /**
     * Sends the next batch and marks it published, in the caller's transaction; returns how many were sent
     * (0 when another instance holds the relay lock). Public so tests can stage a relay dying before its commit.
     */
    public int publishBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<OutboxEvent> batch = em.createQuery("from OutboxEvent where publishedAt is null order by seq", OutboxEvent.class)
                .setMaxResults(batchSize).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        sendAll(batch);
        em.createQuery("update OutboxEvent set publishedAt = :now where seq in :seqs")
                .setParameter("now", time.now())
                .setParameter("seqs", batch.stream().map(e -> e.seq).toList())
                .executeUpdate();
        return batch.size();
    }

    /**
     * Sends on a thread of its own and waits for every ack. That thread carries no transaction: context
     * propagation would otherwise tie the Kafka callbacks to the relay's transaction, and the commit that
     * marks the rows would then fail with "multiple threads active".
     */
    private void sendAll(List<OutboxEvent> batch) {
        try {
            sender.submit(() -> {
                List<Uni<Void>> acks = batch.stream().map(this::send).toList();
                Uni.join().all(acks).andFailFast().await().atMost(sendTimeout);
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private Uni<Void> send(OutboxEvent e) {
        var cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(e.eventId.toString())
                .withType(Outbox.cloudEventType(service, e.eventType))
                .withSource(URI.create("/gucun/" + service))
                .withSubject(e.aggregateId)
                .withTimestamp(e.occurredAt.toZonedDateTime())
                .withDataContentType("application/json")
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withTopic(e.topic).withKey(e.aggregateId).build();
        return emitter.sendMessage(Message.of(e.payload, Metadata.of(cloudEvent, kafka)));
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

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
        sender.shutdown();
    }
}
