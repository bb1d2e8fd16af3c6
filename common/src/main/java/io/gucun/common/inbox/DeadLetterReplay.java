package io.gucun.common.inbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts dead letters back. For each incoming channel with a dead-letter topic {@code <consumer>.dlq}, the records
 * written there since the last replay are copied, with their original key, value and headers, to the channel's replay
 * topic {@code <consumer>.replay}, which the channel reads besides its own topic ({@code topics=}). They then take the
 * consumer's ordinary path: an event applied meanwhile is a no-op (the inbox remembers its id), one that fails again
 * goes back to the dead-letter topic for the next replay. Replay topics belong to the service, so it needs no right to
 * write the producer's topics. The replay's consumer group remembers how far each dead-letter topic was replayed.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    static final String PREFIX = "mp.messaging.incoming.";
    static final String DLQ_TOPIC = ".dead-letter-queue.topic";
    /** Header naming the topic a replayed record was first read from (the dead-letter strategy's dead-letter-topic). */
    public static final String REPLAYED_FROM = "gucun-replayed-from";

    @Inject
    Config config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "gucun.service.name")
    String service;

    /** What one replay did per channel: records put back, or why the channel could not be replayed. */
    public record Replayed(String channel, String deadLetterTopic, String replayTopic, long records, String problem) {
    }

    /** The channels with a dead-letter topic, each with its dead-letter and replay topics. */
    List<Replayed> channels() {
        List<Replayed> out = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(DLQ_TOPIC)) {
                String channel = name.substring(PREFIX.length(), name.length() - DLQ_TOPIC.length());
                String dlq = config.getValue(name, String.class);
                String replay = dlq.endsWith(".dlq") ? dlq.substring(0, dlq.length() - 4) + ".replay" : null;
                Optional<String> topics = config.getOptionalValue(PREFIX + channel + ".topics", String.class);
                String problem = replay == null ? "dead-letter topic " + dlq + " does not end in .dlq"
                        : topics.map(t -> List.of(t.split("\\s*,\\s*")).contains(replay)).orElse(false) ? null
                        : "channel " + channel + " does not read its replay topic " + replay + " (topics=)";
                out.add(new Replayed(channel, dlq, replay, 0, problem));
            }
        }
        out.sort((a, b) -> a.channel().compareTo(b.channel()));
        return out;
    }

    /** Replays every channel's dead letters written until now. */
    public synchronized List<Replayed> replayAll() {
        List<Replayed> done = new ArrayList<>();
        for (Replayed c : channels()) {
            done.add(c.problem() != null ? c : replay(c));
        }
        return done;
    }

    private Replayed replay(Replayed c) {
        Map<String, Object> common = new HashMap<>(kafka);
        Map<String, Object> consumerConfig = new HashMap<>(common);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, service + "-dead-letter-replay");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Object> producerConfig = new HashMap<>(common);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            var infos = consumer.partitionsFor(c.deadLetterTopic(), Duration.ofSeconds(10));
            List<TopicPartition> partitions = infos == null ? List.of()
                    : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            // only what is there now: a record that fails again is written after these ends and waits for the next replay
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> next = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
            for (TopicPartition p : partitions) {
                next.put(p, consumer.position(p, Duration.ofSeconds(10)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (next.entrySet().stream().anyMatch(e -> e.getValue() < ends.get(e.getKey())) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> back = new ProducerRecord<>(c.replayTopic(), r.key(), r.value());
                    String from = null;
                    for (Header h : r.headers()) {
                        if (h.key().startsWith("dead-letter-")) {
                            if (h.key().equals("dead-letter-topic")) {
                                from = new String(h.value(), StandardCharsets.UTF_8);
                            }
                        } else if (!h.key().equals(REPLAYED_FROM)) {
                            back.headers().add(h);
                        }
                    }
                    if (from != null) {
                        back.headers().add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
                    }
                    producer.send(back).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    copied++;
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    next.put(tp, r.offset() + 1);
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                }
            }
            if (next.entrySet().stream().anyMatch(e -> e.getValue() < ends.get(e.getKey()))) {
                return new Replayed(c.channel(), c.deadLetterTopic(), c.replayTopic(), copied,
                        "stopped after 60 s; replay again for the rest");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Replayed(c.channel(), c.deadLetterTopic(), c.replayTopic(), copied, "interrupted");
        } catch (Exception e) {
            LOG.warnf("replay of %s stopped: %s", c.deadLetterTopic(), e.toString());
            // the answer names no class: the service log has the cause
            return new Replayed(c.channel(), c.deadLetterTopic(), c.replayTopic(), copied,
                    "Kafka did not complete the replay (see the service log); replay again");
        }
        LOG.infof("replayed %d dead letters of %s to %s", copied, c.deadLetterTopic(), c.replayTopic());
        return new Replayed(c.channel(), c.deadLetterTopic(), c.replayTopic(), copied, null);
    }

}
