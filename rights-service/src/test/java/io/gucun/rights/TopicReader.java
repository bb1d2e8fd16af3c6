package io.gucun.rights;

import io.gucun.infra.test.ServiceInfraTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what rights-service published to a topic, as a subscriber in its own consumer group would. */
public final class TopicReader {

    /** A published event: Kafka key, CloudEvents type, JSON value. */
    public record Event(String key, String type, String value) {
    }

    private TopicReader() {
    }

    /** Reads {@code topic} from the start until {@code done} holds for what was read, or 30 s pass. */
    public static List<Event> read(String topic, Predicate<List<Event>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ServiceInfraTestResource.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(events) && System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    var type = r.headers().lastHeader("ce_type");
                    events.add(new Event(r.key(), type == null ? null : new String(type.value(), StandardCharsets.UTF_8), r.value()));
                }
            }
        }
        return events;
    }
}
