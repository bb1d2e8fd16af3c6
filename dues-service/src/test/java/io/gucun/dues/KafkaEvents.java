package io.gucun.dues;

import io.gucun.infra.test.ServiceInfraTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes an event the way membership-service's relay does: CloudEvents binary mode, JSON value. */
public final class KafkaEvents {

    private KafkaEvents() {
    }

    public static void send(String topic, String key, String id, String type, String data) {
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ServiceInfraTestResource.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, data);
            r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_source", "/gucun/membership".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
            r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}
