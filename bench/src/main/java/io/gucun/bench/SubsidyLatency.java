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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * P4: join → subsidy posted. Registrations with on-site admission are sent open-loop at a fixed rate from an
 * asynchronous client in the harness ({@link OpenLoop}: each due at its own scheduled time, whether or not earlier ones
 * have answered); membership commits the member and its MemberJoined, the relay publishes it, dues consumes it and
 * posts the subsidy with its SubsidyPosted in one transaction. The latency of each join runs from its scheduled send
 * time to {@code subsidy_grant.granted_at}, dues' own record, read after the run (both this machine's clock), so
 * nothing polls dues during the run. The baseline is the bare broker: a record produced and consumed at the same rate
 * on the same Kafka. Target: p99 ≤ 250 ms at 100 joins/s.
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
        int rate = quick ? 20 : Targets.P4_RATE;
        Duration duration = Duration.ofSeconds(quick ? 3 : 30);
        awaitDuesKnowsTheTown(api, stack);
        api.registerOne(); // warms the path and proves the flow before the clock starts

        Paced joins = paced(api, stack.gatewayUrl(), rate, duration);
        Subsidies subsidy = subsidyLatencies(stack, joins.scheduledMicros(), Duration.ofSeconds(quick ? 30 : 120));
        Latencies kafka = kafkaBaseline(stack.kafkaClientProperties(Map.of()), rate, duration);

        Latencies fromSend = subsidy.fromScheduledSend();
        double p99 = fromSend.percentileMs(99);
        long missing = joins.scheduledMicros().size() - fromSend.count();
        OpenLoop.Result loop = joins.loop();
        boolean met = Targets.p4(p99, missing, loop.skipped(), loop.failed());
        Figure row = new Figure("P4 join → subsidy posted at " + rate + " joins/s, open loop",
                String.format(Locale.ROOT, "p99 %s ms (p50 %s ms)", Figure.num(p99, 0), Figure.num(fromSend.percentileMs(50), 0)),
                String.format(Locale.ROOT, "Kafka produce→consume p99 %s ms (p50 %s ms)", Figure.num(kafka.percentileMs(99), 1),
                        Figure.num(kafka.percentileMs(50), 1)),
                Figure.times(Figure.ratio(p99, kafka.percentileMs(99))), "p99 ≤ " + Figure.num(Targets.P4_P99_MS, 0) + " ms",
                met, joins.cpu().text());
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("targetRatePerSecond", rate);
        numbers.put("seconds", duration.toSeconds());
        numbers.put("due", loop.due());
        numbers.put("sent", loop.sent());
        numbers.put("skippedBehindPace", loop.skipped());
        numbers.put("failedRegistrations", loop.failed());
        numbers.put("registrationAnswersFromScheduledSend", loop.answers().toMap());
        numbers.put("sendLagMs", loop.lag().toMap());
        numbers.put("subsidiesFound", fromSend.count());
        numbers.put("subsidiesMissing", missing);
        numbers.put("scheduledSendToSubsidy", fromSend.toMap());
        numbers.put("joinedToSubsidy", subsidy.fromAdmission().toMap());
        numbers.put("kafkaBaseline", kafka.toMap());
        numbers.put("clientCpuSeconds", joins.cpu().cpuSeconds());
        numbers.put("clientCpuShare", joins.cpu().share());
        Raw.write(raw, id(), List.of(row), numbers);

        Latencies answers = loop.answers();
        Latencies joined = subsidy.fromAdmission();
        return String.format(Locale.ROOT, """
                ## P4 — join → subsidy posted at %d joins/s, open loop

                Registrations with on-site admission into the town federation (org 5) go through the gateway **open-loop**
                from an asynchronous client in the harness (the JDK's HttpClient, `sendAsync` on two threads): the n-th is
                due at start + n/%d s whether or not earlier ones have answered, and its latency counts from that scheduled
                time, so a stall anywhere shows instead of quietly slowing the sender (at most %d outstanding; beyond that a
                send is skipped and counted, which fails the figure), for %d s. Membership commits the member with its
                MemberJoined in the outbox, the relay publishes it to Kafka, dues consumes it and posts the district and town
                subsidy (a balanced journal entry) with SubsidyPosted in one transaction.

                **Method.** The latency is read after the run from dues' own record of each grant:
                `subsidy_grant.granted_at` (taken inside the transaction that posts the subsidy and its SubsidyPosted) minus
                the request's scheduled send time, both this machine's clock. Nothing polls dues during the run, so the
                measurement adds no load to the path it measures. `joined_at`, the admission time membership put in the
                event, splits it into registration and the event hop. The baseline is the bare broker at the same rate: a
                record produced to a scratch topic and consumed by a plain consumer, timed in the harness.

                | | count | p50 | p90 | p99 | max |
                |---|---:|---:|---:|---:|---:|
                | scheduled send → subsidy posted | %d | %s ms | %s ms | %s ms | %s ms |
                | of which admission → subsidy posted | %d | %s ms | %s ms | %s ms | %s ms |
                | scheduled send → registration answered | %d | %s ms | %s ms | %s ms | %s ms |
                | Kafka produce → consume (baseline) | %d | %s ms | %s ms | %s ms | %s ms |

                %d registrations were due, %d sent (%d skipped as the stack fell more than %d behind), %d failed; %d subsidies
                were found, %d missing after the wait. The sender went out late by p99 %s ms (counted in the latencies). The
                client used %s. p99 **%s ms** against the target of %s ms: %s.
                """, rate, rate, MAX_OUTSTANDING, duration.toSeconds(),
                fromSend.count(), Figure.num(fromSend.percentileMs(50), 1), Figure.num(fromSend.percentileMs(90), 1),
                Figure.num(p99, 1), Figure.num(fromSend.maxMs(), 1),
                joined.count(), Figure.num(joined.percentileMs(50), 1), Figure.num(joined.percentileMs(90), 1),
                Figure.num(joined.percentileMs(99), 1), Figure.num(joined.maxMs(), 1),
                answers.count(), Figure.num(answers.percentileMs(50), 1), Figure.num(answers.percentileMs(90), 1),
                Figure.num(answers.percentileMs(99), 1), Figure.num(answers.maxMs(), 1),
                kafka.count(), Figure.num(kafka.percentileMs(50), 2), Figure.num(kafka.percentileMs(90), 2),
                Figure.num(kafka.percentileMs(99), 2), Figure.num(kafka.maxMs(), 2),
                loop.due(), loop.sent(), loop.skipped(), MAX_OUTSTANDING, loop.failed(), fromSend.count(), missing,
                Figure.num(loop.lag().percentileMs(99), 1), joins.cpu().text(), Figure.num(p99, 0),
                Figure.num(Targets.P4_P99_MS, 0), met ? "met" : "**missed**");
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

    /** What the paced sender did, each created member's scheduled send time (epoch µs), and the client's CPU. */
    record Paced(OpenLoop.Result loop, Map<Long, Long> scheduledMicros, CpuShare cpu) {
    }

    static Paced paced(BenchApi api, String gateway, int rate, Duration duration) throws Exception {
        Map<Long, Long> scheduled = new ConcurrentHashMap<>();
        api.admin(); // the token before the clock starts
        try (ExecutorService io = Executors.newFixedThreadPool(2);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            // one anchor turns the loop's nanoTime into this machine's wall clock, which dues' granted_at also reads
            Instant wall = Instant.now();
            long anchorNanos = System.nanoTime();
            long anchorMicros = wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1_000;
            long cpu0 = CpuShare.jvmCpuNanos();
            OpenLoop.Result loop = OpenLoop.run(rate, duration, MAX_OUTSTANDING, OpenLoop.Clock.SYSTEM, (n, due) ->
                    http.sendAsync(api.registration(gateway), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                        if (r.statusCode() != 201) {
                            return false;
                        }
                        try {
                            scheduled.put(BenchApi.memberId(r.body()), anchorMicros + (due - anchorNanos) / 1_000);
                            return true;
                        } catch (Exception e) {
                            return false;
                        }
                    }));
            double wallSeconds = (System.nanoTime() - anchorNanos) / 1e9;
            CpuShare share = new CpuShare("JDK HttpClient sendAsync in the harness JVM",
                    (CpuShare.jvmCpuNanos() - cpu0) / 1e9, wallSeconds, CpuShare.machineCores());
            return new Paced(loop, Map.copyOf(scheduled), share);
        }
    }

    /** Per grant: from the scheduled send, and from the admission membership recorded. */
    record Subsidies(Latencies fromScheduledSend, Latencies fromAdmission) {
    }

    /** Waits until dues has granted every member's subsidy (or the wait is over), then reads their latencies. */
    static Subsidies subsidyLatencies(Stack stack, Map<Long, Long> scheduledMicros, Duration wait) throws Exception {
        DatabaseBaseline db = new DatabaseBaseline(stack);
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection c = db.connect("dues")) {
            Array ids = c.createArrayOf("bigint", scheduledMicros.keySet().toArray());
            while (true) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from subsidy_grant where member_id = any(?)")) {
                    ps.setArray(1, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= scheduledMicros.size() || System.nanoTime() > deadline) {
                            break;
                        }
                    }
                }
                Thread.sleep(500);
            }
            Latencies fromSend = new Latencies();
            Latencies fromAdmission = new Latencies();
            try (PreparedStatement ps = c.prepareStatement("select member_id,"
                    + " (extract(epoch from granted_at) * 1000000)::bigint,"
                    + " extract(epoch from (granted_at - joined_at)) * 1000"
                    + " from subsidy_grant where member_id = any(?)")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fromSend.recordNanos((rs.getLong(2) - scheduledMicros.get(rs.getLong(1))) * 1_000);
                        fromAdmission.recordMillis(rs.getDouble(3));
                    }
                }
            }
            return new Subsidies(fromSend, fromAdmission);
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
