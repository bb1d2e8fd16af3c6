package io.gucun.testsupport;

import io.gucun.infra.test.ServiceInfraTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events on the test broker as the services' outbox relays write them: CloudEvents binary mode (ce_* headers, JSON
 * value), keyed by aggregate id. {@link #send} plays another service's producer; {@link #read} reads a topic as an
 * outside subscriber would, from the start in a throwaway consumer group.
 */
public final class KafkaEvents {

    /**
     * A record read back: Kafka key, CloudEvents id, type, source and subject, the JSON value, and its trace: the W3C
     * {@code traceparent} header (the relay's publish span) and the CloudEvents {@code ce_traceparent} (the request
     * that recorded the event).
     */
    public record Received(String key, String id, String type, String source, String subject, String value,
                           String traceparent, String ceTraceparent) {
    }

    private static KafkaProducer<String, String> producer;

    private KafkaEvents() {
    }

    /**
     * Publishes {@code data} with CloudEvents headers and waits for the broker's acknowledgement. The source is the
     * producing service's, taken from the type ({@code io.gucun.membership.OrgCreated} → {@code /gucun/membership}).
     */
    public static void send(String topic, String key, String id, String type, String data) {
        send(topic, key, id, type, source(type), data);
    }

    /** The same with the given CloudEvents source, e.g. to forge an event in another service's name. */
    public static synchronized void send(String topic, String key, String id, String type, String source, String data) {
        if (producer == null) {
            Properties p = new Properties();
            // the harness's super user: it may write any service's topic, as that service's relay does
            p.putAll(ServiceInfraTestResource.kafkaClientProperties());
            p.putAll(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
            producer = new KafkaProducer<>(p);
        }
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, data);
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", id);
        header(r, "ce_type", type);
        header(r, "ce_source", source);
        header(r, "ce_subject", key);
        header(r, "ce_time", Instant.now().toString());
        header(r, "content-type", "application/json");
        try {
            producer.send(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type + " to " + topic, e);
        }
    }

    /** Reads {@code topic} from its start until {@code enough} holds for what was read, or 30 s pass. */
    public static List<Received> read(String topic, Predicate<List<Received>> enough) {
        return read(topic, Duration.ofSeconds(30), enough);
    }

    /** Reads {@code topic} from its start until {@code enough} holds for what was read, or {@code wait} passes. */
    public static List<Received> read(String topic, Duration wait, Predicate<List<Received>> enough) {
        Properties p = new Properties();
        p.putAll(ServiceInfraTestResource.kafkaClientProperties());
        p.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<Received> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && !enough.test(out)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Received(r.key(), header(r, "ce_id"), header(r, "ce_type"), header(r, "ce_source"),
                            header(r, "ce_subject"), r.value(), header(r, "traceparent"), header(r, "ce_traceparent")));
                }
            }
        }
        return out;
    }

    static String source(String type) {
        String[] parts = type.split("\\.");
        if (parts.length < 4 || !"io".equals(parts[0]) || !"gucun".equals(parts[1])) {
            throw new IllegalArgumentException("not a Gucun event type (io.gucun.<service>.<Event>): " + type);
        }
        return "/gucun/" + parts[2];
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
