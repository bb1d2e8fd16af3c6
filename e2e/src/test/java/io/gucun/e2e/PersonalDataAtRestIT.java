package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.e2e.Api.Response;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resident ID numbers and mobiles are encrypted at rest, masked on output and never logged: after they have travelled
 * every way they can (registration, lookup, an admin's audited read, a partner's social-insurance file, a refused
 * registration), none of them is in plain text in any service database, any file the installation wrote (database
 * and Kafka data files, write-ahead logs, logs, partner files), or any Kafka record.
 */
@ExtendWith(RealStack.class)
class PersonalDataAtRestIT {

    @Test
    void noResidentIdNumberOrMobileIsStoredLoggedOrPublishedInPlainText(Api api) throws Exception {
        String admin = api.user("admin");
        String registeredId = Ids.residentId();
        String registeredMobile = Ids.mobile();
        String partnerFileId = Ids.residentId();
        String mistypedId = registeredId.substring(0, 17) + (registeredId.charAt(17) == '0' ? '1' : '0');

        Response registered = api.post(admin, "/api/membership/members", String.format("""
                {"idNumber":"%s","name":"隐私","mobile":"%s","employmentForm":"STANDARD","orgId":5}""",
                registeredId, registeredMobile));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        long memberId = registered.json().at("/member/id").asLong();
        assertThat(registered.body()).doesNotContain(registeredId).doesNotContain(registeredMobile);

        Response lookup = api.post(admin, "/api/membership/members/lookup", "{\"idNumber\":\"" + registeredId + "\"}");
        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
        Response identity = api.get(admin, "/api/membership/members/" + memberId + "/identity?reason=privacy%20scan");
        assertThat(identity.json().get("idNumber").asText()).as("the audited read is the one place it is shown")
                .isEqualTo(registeredId);

        Response refused = api.post(admin, "/api/membership/members", String.format("""
                {"idNumber":"%s","name":"错号","mobile":"%s","employmentForm":"STANDARD","orgId":5}""",
                mistypedId, Ids.mobile()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).as("the problem names the field, not the number").doesNotContain(mistypedId);

        String csv = "person_id,employer_uscc,insured_since,status\n" + partnerFileId + "," + Ids.creditCode()
                + ",2020-01-01,ACTIVE\n" + mistypedId + "," + Ids.creditCode() + ",2021-03-01,ACTIVE\n";
        Response imported = api.send("POST", "/api/outreach/imports/social-insurance",
                api.partner("partner-social-insurance"), "text/csv", csv);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
        String importId = imported.json().get("id").asText();
        api.await(() -> api.get(api.partner("partner-social-insurance"), "/api/outreach/imports/" + importId),
                r -> r.status() == 200 && r.json().get("status").asText().equals("COMPLETED"), Duration.ofSeconds(60));

        // the relays publish within a second or two; give them time so that the scan sees what they wrote
        Thread.sleep(3_000);
        List<String> secrets = List.of(registeredId, registeredMobile, partnerFileId, mistypedId);

        Stack stack = api.stack();
        // a planted leak in each place proves the scan would see a real one
        String canary = Ids.residentId();
        plant(stack, canary);

        List<String> found = new ArrayList<>();
        long rows = scanDatabases(stack, secrets, found);
        long[] files = scanFiles(stack.home(), secrets, found);
        long records = scanKafka(stack, secrets, found);
        System.out.printf("personal-data scan: %d database rows, %d files (%d MB), %d Kafka records; findings: %d%n",
                rows, files[0], files[1] >> 20, records, found.size());
        assertThat(found).as("plain resident ID numbers or mobiles at rest").isEmpty();

        List<String> planted = new ArrayList<>();
        scanDatabases(stack, List.of(canary), planted);
        scanFiles(stack.home(), List.of(canary), planted);
        scanKafka(stack, List.of(canary), planted);
        assertThat(planted).as("the planted canaries")
                .anyMatch(f -> f.contains("database")).anyMatch(f -> f.startsWith("file")).anyMatch(f -> f.startsWith("Kafka"));
    }

    private static void plant(Stack stack, String canary) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("outreach"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("create table privacy_canary (v text)");
            st.execute("insert into privacy_canary values ('" + canary + "')");
        }
        Files.writeString(stack.home().resolve("logs").resolve("privacy-canary.log"), "leaked " + canary + "\n");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(stack.kafkaClientProperties(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())))) {
            producer.send(new ProducerRecord<>("privacy-canary", "k", "{\"idNumber\":\"" + canary + "\"}")).get();
        }
    }

    private static long scanDatabases(Stack stack, List<String> secrets, List<String> found) throws Exception {
        long rows = 0;
        for (String service : Stack.SERVICES) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "postgres");
                 Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(
                        "select schemaname || '.' || quote_ident(tablename) from pg_tables where schemaname = 'public'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = st.executeQuery("select t::text from " + table + " t")) {
                        while (rs.next()) {
                            rows++;
                            String row = rs.getString(1);
                            for (String secret : secrets) {
                                if (row.contains(secret)) {
                                    found.add(service + " database, table " + table);
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Every file under the installation's home: PostgreSQL pages and WAL, Kafka segments, logs, partner files. */
    private static long[] scanFiles(Path home, List<String> secrets, List<String> found) throws IOException {
        long[] countAndBytes = new long[2];
        List<byte[]> needles = secrets.stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.filter(Files::isRegularFile).forEach(file -> {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    return; // a file removed while walking (WAL recycling, log rotation)
                }
                countAndBytes[0]++;
                countAndBytes[1] += bytes.length;
                for (byte[] needle : needles) {
                    if (indexOf(bytes, needle) >= 0) {
                        found.add("file " + home.relativize(file));
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return countAndBytes;
    }

    private static long scanKafka(Stack stack, List<String> secrets, List<String> found) throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(stack.kafkaClientProperties(Map.of()))) {
            topics = admin.listTopics().names().get();
        }
        Properties p = new Properties();
        p.putAll(stack.kafkaClientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "privacy-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(topics.stream().filter(t -> !t.startsWith("__")).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int idlePolls = 0;
            while (System.nanoTime() < deadline && idlePolls < 5) {
                var batch = consumer.poll(Duration.ofMillis(500));
                idlePolls = batch.isEmpty() ? idlePolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    StringBuilder all = new StringBuilder();
                    all.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).append('\n');
                    all.append(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)).append('\n');
                    for (Header h : r.headers()) {
                        all.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8)).append('\n');
                    }
                    for (String secret : secrets) {
                        if (all.indexOf(secret) >= 0) {
                            found.add("Kafka topic " + r.topic() + " offset " + r.offset());
                        }
                    }
                }
            }
        }
        return records;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
