package io.gucun.bench;

import io.gucun.launcher.Stack;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * P4: MemberJoined → SubsidyPosted. Registrations with on-site admission are sent open-loop at a fixed rate (each
 * at its own scheduled time, whether or not earlier ones have answered); membership commits the member and its
 * MemberJoined, the relay publishes it, dues consumes it and posts the subsidy with its SubsidyPosted in one
 * transaction. The latency is read afterwards from dues' own row, {@code subsidy_grant.granted_at − joined_at}:
 * joined_at is the admission time carried by the event, granted_at is taken in the transaction that posts the
 * subsidy; both are this machine's clock. Polling nothing during the run keeps the measurement off the path it
 * measures. The baseline is the bare broker: a record produced and consumed at the same rate on the same Kafka.
 * Target: p99 ≤ 250 ms at 100 joins/s.
 */
public final class SubsidyLatency implements Benchmark {

    /** More outstanding registrations than this means the stack cannot keep the pace; later sends are skipped. */
    private static final int MAX_OUTSTANDING = 400;

    @Override
    public String id() {
        return "P4";
    }

    @Override
    public String run(Stack stack, boolean quick, Path raw) throws Exception {
        BenchApi api = new BenchApi(stack);
        int rate = quick ? 10 : 100;
        Duration duration = Duration.ofSeconds(quick ? 3 : 30);
        awaitDuesKnowsTheTown(api, stack);
        api.registerOne(); // warms the path and proves the flow before the clock starts

        Paced joins = paced(api, stack.gatewayUrl(), rate, duration);
        Latencies subsidy = subsidyLatencies(stack, joins.memberIds(), Duration.ofSeconds(quick ? 30 : 120));
        Latencies kafka = kafkaBaseline(stack.kafkaClientProperties(Map.of()), rate, duration);

        double p99 = subsidy.percentileMs(99);
        long missing = joins.memberIds().size() - subsidy.count();
        boolean met = p99 <= 250 && missing == 0 && joins.skipped() == 0 && joins.failed().errors() == 0;
        Figure row = new Figure("P4 MemberJoined → SubsidyPosted at " + rate + " joins/s",
                String.format(Locale.ROOT, "p99 %s ms (p50 %s ms)", Figure.num(p99, 0), Figure.num(subsidy.percentileMs(50), 0)),
                String.format(Locale.ROOT, "Kafka produce→consume p99 %s ms (p50 %s ms)", Figure.num(kafka.percentileMs(99), 1),
                        Figure.num(kafka.percentileMs(50), 1)),
                Figure.times(Figure.ratio(p99, kafka.percentileMs(99))), "p99 ≤ 250 ms", met);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("targetRatePerSecond", rate);
        numbers.put("seconds", duration.toSeconds());
        numbers.put("sent", joins.sent());
        numbers.put("skippedBehindPace", joins.skipped());
        numbers.put("failedRegistrations", joins.failed().errors());
        numbers.put("registrationAnswers", joins.answers().toMap());
        numbers.put("sendLagMs", joins.lag().toMap());
        numbers.put("subsidiesFound", subsidy.count());
        numbers.put("subsidiesMissing", missing);
        numbers.put("joinedToSubsidy", subsidy.toMap());
        numbers.put("kafkaBaseline", kafka.toMap());
        Raw.write(raw, id(), List.of(row), numbers);

        return String.format(Locale.ROOT, """
                ## P4 — MemberJoined → SubsidyPosted at %d joins/s

                Registrations with on-site admission into the town federation (org 5) go through the gateway **open-loop**:
                the n-th is sent at start + n/%d s whether or not earlier ones have answered (at most %d outstanding; beyond
                that a send is skipped and counted), for %d s. Membership commits the member with its MemberJoined in the
                outbox, the relay publishes it to Kafka, dues consumes it and posts the district and town subsidy (a
                balanced journal entry) with SubsidyPosted in one transaction.

                **Method.** The latency is read after the run from dues' own record of each grant,
                `subsidy_grant.granted_at − joined_at`: `joined_at` is the admission time membership put in the event,
                `granted_at` is taken inside the transaction that posts the subsidy and its SubsidyPosted (a few
                milliseconds before it commits). Both come from this machine's clock. Nothing polls dues during the run, so
                the measurement adds no load to the path it measures. The baseline is the bare broker at the same rate: a
                record produced to a scratch topic and consumed by a plain consumer, timed in the harness.

                | | count | p50 | p90 | p99 | max |
                |---|---:|---:|---:|---:|---:|
                | joined → subsidy posted | %d | %s ms | %s ms | %s ms | %s ms |
                | Kafka produce → consume (baseline) | %d | %s ms | %s ms | %s ms | %s ms |
                | registration answer (for reference) | %d | %s ms | %s ms | %s ms | %s ms |

                Sent %d registrations (%d skipped as the stack fell more than %d behind, %d failed); %d subsidies were found,
                %d missing after the wait. The scheduler sent late by p99 %s ms. p99 **%s ms** against the target of 250 ms:
                %s.
                """, rate, rate, MAX_OUTSTANDING, duration.toSeconds(),
                subsidy.count(), Figure.num(subsidy.percentileMs(50), 1), Figure.num(subsidy.percentileMs(90), 1),
                Figure.num(p99, 1), Figure.num(subsidy.maxMs(), 1),
                kafka.count(), Figure.num(kafka.percentileMs(50), 2), Figure.num(kafka.percentileMs(90), 2),
                Figure.num(kafka.percentileMs(99), 2), Figure.num(kafka.maxMs(), 2),
                joins.answers().count(), Figure.num(joins.answers().percentileMs(50), 1),
                Figure.num(joins.answers().percentileMs(90), 1), Figure.num(joins.answers().percentileMs(99), 1),
                Figure.num(joins.answers().maxMs(), 1),
                joins.sent(), joins.skipped(), MAX_OUTSTANDING, joins.failed().errors(), subsidy.count(), missing,
                Figure.num(joins.lag().percentileMs(99), 1), Figure.num(p99, 0), met ? "met" : "**missed**");
    }

    /** Dues learns of org 5 from OrgCreated; until then a join there would find no ledger. */
    private static void awaitDuesKnowsTheTown(BenchApi api, Stack stack) throws Exception {
        String url = stack.gatewayUrl() + "/api/dues/orgs/" + BenchApi.TOWN_ORG + "/accounts";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.status(url) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dues-service never learned of org " + BenchApi.TOWN_ORG);
            }
            Thread.sleep(250);
        }
    }

    /** What the paced sender did: member ids created, answers' latencies, failures, skips, and its own lateness. */
    record Paced(List<Long> memberIds, Latencies answers, Latencies failed, Latencies lag, long sent, long skipped) {
    }

    static Paced paced(BenchApi api, String gateway, int rate, Duration duration) throws Exception {
        ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
        Latencies answers = new Latencies();
        Latencies failed = new Latencies();
        Latencies lag = new Latencies();
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        AtomicLong skipped = new AtomicLong();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long total = (long) rate * duration.toSeconds();
        long periodNanos = 1_000_000_000L / rate;
        try (ExecutorService io = Executors.newFixedThreadPool(2);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            long start = System.nanoTime();
            for (long n = 0; n < total; n++) {
                long due = start + n * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                lag.recordNanos(System.nanoTime() - due);
                if (!outstanding.tryAcquire()) {
                    skipped.incrementAndGet();
                    continue;
                }
                long t0 = System.nanoTime();
                inFlight.add(http.sendAsync(api.registration(gateway), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            outstanding.release();
                            synchronized (answers) {
                                if (e == null && r.statusCode() == 201) {
                                    answers.recordNanos(System.nanoTime() - t0);
                                } else {
                                    failed.error();
                                }
                            }
                            if (e == null && r.statusCode() == 201) {
                                try {
                                    ids.add(BenchApi.memberId(r.body()));
                                } catch (Exception parse) {
                                    synchronized (answers) {
                                        failed.error();
                                    }
                                }
                            }
                        }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            answers.addSeconds((System.nanoTime() - start) / 1e9);
        }
        return new Paced(List.copyOf(ids), answers, failed, lag, total - skipped.get(), skipped.get());
    }

    /** Waits until dues has granted every member's subsidy (or the wait is over), then reads their latencies. */
    static Latencies subsidyLatencies(Stack stack, List<Long> memberIds, Duration wait) throws Exception {
        DatabaseBaseline db = new DatabaseBaseline(stack);
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection c = db.connect("dues")) {
            Array ids = c.createArrayOf("bigint", memberIds.toArray());
            while (true) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from subsidy_grant where member_id = any(?)")) {
                    ps.setArray(1, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= memberIds.size() || System.nanoTime() > deadline) {
                            break;
                        }
                    }
                }
                Thread.sleep(500);
            }
            Latencies l = new Latencies();
            try (PreparedStatement ps = c.prepareStatement("select extract(epoch from (granted_at - joined_at)) * 1000"
                    + " from subsidy_grant where member_id = any(?)")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        l.recordMillis(rs.getDouble(1));
                    }
                }
            }
            return l;
        }
    }

    /** A record produced and consumed on the stack's broker at {@code rate}/s: the floor of any event hop. */
    static Latencies kafkaBaseline(Map<String, Object> client, int rate, Duration duration) throws Exception {
        String topic = "bench.latency." + System.currentTimeMillis();
        Properties common = new Properties();
        common.putAll(client); // the same SASL/SCRAM login as the services', so the floor is comparable
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties pp = new Properties();
        pp.putAll(common);
        pp.put("key.serializer", LongSerializer.class.getName());
        pp.put("value.serializer", LongSerializer.class.getName());
        pp.put("linger.ms", "0");
        Properties cp = new Properties();
        cp.putAll(common);
        cp.put("key.deserializer", LongDeserializer.class.getName());
        cp.put("value.deserializer", LongDeserializer.class.getName());
        cp.put("enable.auto.commit", "false");
        long total = (long) rate * duration.toSeconds();
        Latencies l = new Latencies();
        AtomicInteger received = new AtomicInteger();
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<Long, Long> producer = new KafkaProducer<>(pp);
             KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(cp);
             ExecutorService sender = Executors.newSingleThreadExecutor()) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            consumer.poll(Duration.ofMillis(100));
            long start = System.nanoTime();
            long period = 1_000_000_000L / rate;
            sender.submit(() -> {
                for (long n = 0; n < total; n++) {
                    long wait = start + n * period - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    producer.send(new ProducerRecord<>(topic, n, System.nanoTime()));
                }
                return null;
            });
            long deadline = start + duration.toNanos() + Duration.ofSeconds(30).toNanos();
            while (received.get() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<Long, Long> r : consumer.poll(Duration.ofMillis(100))) {
                    l.recordNanos(System.nanoTime() - r.value());
                    received.incrementAndGet();
                }
            }
            l.addSeconds((System.nanoTime() - start) / 1e9);
        }
        try (Admin admin = Admin.create(common)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        return l;
    }
}
