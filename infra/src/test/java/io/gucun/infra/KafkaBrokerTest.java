package io.gucun.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBrokerTest {

    /** One test for both, because every broker start costs seconds. */
    @Test
    void producesConsumesStopsAndKeepsTopicsAcrossRestarts(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("kafka");
        long pid;
        try (KafkaBroker kafka = KafkaBroker.builder().dataDirectory(data).superUser("root", "root-secret").start()) {
            pid = kafka.pid();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
            produce(kafka.superUserProperties(), "member-events", "m-1", "joined");
            assertThat(consumeAll(kafka.superUserProperties(), "member-events", 1)).containsExactly("m-1=joined");
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(data.resolve("kafka-data").resolve("meta.properties")).exists();

        try (KafkaBroker kafka = KafkaBroker.builder().dataDirectory(data).superUser("root", "root-secret")
                .clean(false).start()) {
            assertThat(kafka.pid()).isNotEqualTo(pid);
            assertThat(consumeAll(kafka.superUserProperties(), "member-events", 1)).containsExactly("m-1=joined");
        }
        // the kept storage knows root's password: another one is refused at once, with what to do
        assertThatThrownBy(() -> KafkaBroker.builder().dataDirectory(data).superUser("root", "guessed").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("start it clean");
    }

    @Test
    void explainsMissingLibraries(@TempDir Path tmp) {
        assertThatThrownBy(() -> KafkaBroker.builder().libsDirectory(tmp.resolve("nowhere")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build infra first: ./gucun mvn -pl infra install");
    }

    @Test
    void namesThePortWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LoopbackPorts.address(), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaBroker.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka port " + port + " on 127.0.0.1 is already in use");
        }
    }

    static void produce(Map<String, Object> client, String topic, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    static List<String> consumeAll(Map<String, Object> client, String topic, int expected) {
        return consumeAll(client, "test-" + UUID.randomUUID(), topic, expected);
    }

    static List<String> consumeAll(Map<String, Object> client, String group, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    received.add(r.key() + "=" + r.value());
                }
            }
        }
        return received;
    }
}
