package io.gucun.infra.test;

import io.gucun.infra.KafkaBroker;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20, point 3, on the broker the services' tests get: outreach may write only outreach's topics, read the
 * membership topics it consumes in its own groups; a client without credentials or with wrong ones gets nothing.
 */
final class KafkaAuthorizationChecks {

    private KafkaAuthorizationChecks() {
    }

    static void asTheServiceUnderTest(KafkaBroker kafka, String outreachPassword) throws Exception {
        Map<String, Object> outreach = kafka.clientProperties("outreach", outreachPassword);

        // its own topics, dead-letter and replay topics included (auto-created on first write)
        send(outreach, "outreach.lead.v1");
        send(outreach, "outreach.membership-org.dlq");

        // another service's topic: refused, whether it exists or not
        send(kafka.superUserProperties(), "membership.org.v1");
        assertThatThrownBy(() -> send(outreach, "membership.org.v1"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(outreach, "dues.collection.v1"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);

        // reads what it consumes, in its own groups only
        assertThat(firstRecord(outreach, "outreach-service", "membership.org.v1")).isEqualTo("k=v");
        assertThatThrownBy(() -> firstRecord(outreach, "dues-service", "membership.org.v1"))
                .isInstanceOf(GroupAuthorizationException.class);
        // (outreach reads dues.collection.v1 for suspended collections, but not dues' rebate runs)
        assertThatThrownBy(() -> firstRecord(outreach, "outreach-service", "dues.rebate.v1"))
                .isInstanceOf(TopicAuthorizationException.class);

        // no credentials: the SASL listener does not speak to it at all; a wrong password is refused
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        assertThatThrownBy(() -> send(anonymous, "outreach.lead.v1")).isNotNull();
        assertThatThrownBy(() -> send(kafka.clientProperties("outreach", "guessed"), "outreach.lead.v1"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static void send(Map<String, Object> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            // a send the client refuses before it is queued (no metadata in max.block.ms) fails the same way
            throw new ExecutionException(e);
        }
    }

    private static String firstRecord(Map<String, Object> client, String group, String topic) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    return r.key() + "=" + r.value();
                }
            }
        }
        return null;
    }
}
