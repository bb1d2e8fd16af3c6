package io.gucun.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.outbox.Outbox;
import io.gucun.common.outbox.OutboxRelay;
import io.gucun.common.outbox.ProcessedEvents;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox guarantees against a real broker: nothing for a rollback, everything after a relay dies. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class OutboxRelayTest {

    private static final String TOPIC = "membership.relaytest.v1";

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    ProcessedEvents processed;

    @Inject
    EntityManager em;

    @BeforeEach
    void pauseRelay() {
        relay.pause();
    }

    @AfterEach
    void resumeRelay() {
        relay.resume();
    }

    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    @Test
    void anEventIsPublishedInTheTraceOfTheRequestThatRecordedIt() {
        String aggregate = UUID.randomUUID().toString();
        var request = tracer.spanBuilder("POST /test").setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER).startSpan();
        try (var ignored = request.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() -> outbox.record("relaytest", aggregate, "Probed", Map.of("n", 1)));
        } finally {
            request.end();
        }
        drainAll();
        KafkaEvents.Received published = KafkaEvents.read(TOPIC, Duration.ofSeconds(20),
                got -> got.stream().anyMatch(e -> aggregate.equals(e.key()))).stream()
                .filter(e -> aggregate.equals(e.key())).findFirst().orElseThrow();
        String traceId = request.getSpanContext().getTraceId();
        // CloudEvents' distributed tracing extension names the request; the traceparent header the relay's publish span in it
        assertThat(published.ceTraceparent()).isEqualTo("00-" + traceId + "-" + request.getSpanContext().getSpanId() + "-01");
        assertThat(published.traceparent()).startsWith("00-" + traceId + "-").isNotEqualTo(published.ceTraceparent());
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String marker = UUID.randomUUID().toString();
        QuarkusTransaction.begin();
        outbox.record("relaytest", marker, "Probed", Map.of("marker", marker));
        QuarkusTransaction.rollback();

        drainAll();
        String committed = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.record("relaytest", committed, "Probed", Map.of("marker", committed)));
        drainAll();

        List<KafkaEvents.Received> seen = KafkaEvents.read(TOPIC,
                Duration.ofSeconds(20), got -> got.stream().anyMatch(e -> committed.equals(e.key())));
        assertThat(seen).extracting(KafkaEvents.Received::key).contains(committed).doesNotContain(marker);
        assertThat(outboxRows(marker)).isZero();
    }

    @Test
    void aRelayThatDiesBeforeItsCommitRepublishesAndTheConsumerAppliesOnce() {
        String aggregate = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 3; i++) {
                outbox.record("relaytest", aggregate, "Probed", Map.of("n", i));
            }
        });

        // The relay sends, then "dies": its transaction (which marks rows published) never commits.
        QuarkusTransaction.begin();
        assertThat(relay.publishBatch()).isGreaterThanOrEqualTo(3);
        QuarkusTransaction.rollback();
        assertThat(pendingRows(aggregate)).isEqualTo(3);

        // Restarted, it publishes everything again with the same event ids.
        drainAll();
        assertThat(pendingRows(aggregate)).isZero();

        List<KafkaEvents.Received> seen = KafkaEvents.read(TOPIC,
                Duration.ofSeconds(20), got -> got.stream().filter(e -> aggregate.equals(e.key())).count() >= 6);
        List<KafkaEvents.Received> mine = seen.stream().filter(e -> aggregate.equals(e.key())).toList();
        assertThat(mine).hasSize(6);
        assertThat(mine.stream().map(KafkaEvents.Received::id).distinct()).hasSize(3);
        // Same aggregate, same key, same partition: the order of the first delivery is the order of writing.
        assertThat(mine.subList(0, 3)).extracting(e -> e.value().replace(" ", ""))
                .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");

        // An idempotent consumer applies each distinct event exactly once.
        long applied = QuarkusTransaction.requiringNew().call(() -> mine.stream()
                .filter(e -> processed.firstTime("relay-test-consumer", e.id())).count());
        assertThat(applied).isEqualTo(3);
    }

    @Test
    void anEventKafkaRefusesIsParkedTheRestIsPublishedAndItsAggregateWaitsUntilItIsRetried() {
        String refused = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            // larger than the producer's max.request.size (1 MiB): Kafka refuses it whatever the retries
            outbox.record("relaytest", refused, "Probed", Map.of("n", 0, "pad", "x".repeat(1_100_000)));
            outbox.record("relaytest", refused, "Probed", Map.of("n", 1));
            outbox.record("relaytest", other, "Probed", Map.of("n", 2));
        });

        drainAll();
        List<KafkaEvents.Received> seen = KafkaEvents.read(TOPIC,
                Duration.ofSeconds(20), got -> got.stream().anyMatch(e -> other.equals(e.key())));
        assertThat(seen).extracting(KafkaEvents.Received::key).contains(other).doesNotContain(refused);
        assertThat(pendingRows(other)).isZero();
        // the refused event parked, its aggregate's next event waiting behind it, not published past it
        assertThat(pendingRows(refused)).isEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createQuery("select e.parkReason from OutboxEvent e"
                + " where e.aggregateId = :a and e.parkedAt is not null", String.class).setParameter("a", refused).getResultList()))
                .singleElement().asString().contains("RecordTooLargeException");
        relay.measure();
        assertThat(relay.parked()).isGreaterThanOrEqualTo(1);
        assertThat(relay.oldestUnpublishedSeconds()).isGreaterThanOrEqualTo(0);
        io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("gucun_outbox_parked"),
                        org.hamcrest.Matchers.containsString("gucun_outbox_oldest_unpublished_seconds"));
        io.restassured.RestAssured.given().when().get("/q/health/ready").then().statusCode(200);

        // the operator shrinks what was too large, then retries the parked events: both go out, in their order
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update outbox_event set payload = '{\"n\":0}'::jsonb"
                + " where aggregate_id = ?1 and parked_at is not null").setParameter(1, refused).executeUpdate());
        assertThat(relay.retryParked(null)).isGreaterThanOrEqualTo(1);
        drainAll();
        assertThat(pendingRows(refused)).isZero();
        List<KafkaEvents.Received> mine = KafkaEvents.read(TOPIC, Duration.ofSeconds(20),
                got -> got.stream().filter(e -> refused.equals(e.key())).count() >= 2).stream()
                .filter(e -> refused.equals(e.key())).toList();
        assertThat(mine).extracting(e -> e.value().replace(" ", "")).containsExactly("{\"n\":0}", "{\"n\":1}");
    }

    private void drainAll() {
        while (QuarkusTransaction.requiringNew().call(relay::publishBatch) > 0) {
            // keep going until the outbox is empty
        }
    }

    private long outboxRows(String aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(e) from OutboxEvent e where e.aggregateId = :a")
                .setParameter("a", aggregateId).getSingleResult());
    }

    private long pendingRows(String aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(e) from OutboxEvent e where e.aggregateId = :a and e.publishedAt is null")
                .setParameter("a", aggregateId).getSingleResult());
    }
}
