package io.gucun.outreach.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * A 1M-row social-insurance import through the API (streamed upload, validation, keyed hashing, batched upserts) next to
 * PostgreSQL COPY of the same file into a plain table, in the same run on the same database. Not part of the default
 * build (tag benchmark); see README for the command. Prints rows/s and the peak heap.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class ImportBenchmarkTest {

    static final int ROWS = Integer.getInteger("gucun.benchmark.rows", 1_000_000);

    @TestHTTPResource("/api/outreach/imports/social-insurance")
    URL importUrl;

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    @Test
    void millionRowImportAgainstCopy() throws Exception {
        Path file = Files.createTempFile("si-benchmark-", ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("person_id,employer_uscc,insured_since,status\n");
            String[] employers = new String[1000];
            for (int i = 0; i < employers.length; i++) {
                employers[i] = TestIds.creditCode(10_000_000 + i);
            }
            for (int n = 0; n < ROWS; n++) {
                w.write(TestIds.idNumber(n));
                w.write(',');
                w.write(employers[n % employers.length]);
                w.write(n % 97 == 0 ? ",2020-02-30,ACTIVE\n" : ",2021-03-01,ACTIVE\n"); // ~1% malformed dates
            }
        }
        long bytes = Files.size(file);

        // peak heap while the import runs (the whole JVM: test and service share it)
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();

        Actors.partner("si-bureau", "partner-social-insurance");
        long start = System.nanoTime();
        HttpResponse<String> accepted = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(importUrl.toURI())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        long uploaded = System.nanoTime();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        UUID jobId = UUID.fromString(accepted.body().replaceAll(".*\"id\":\"([0-9a-f-]+)\".*", "$1"));
        ImportJob job;
        do {
            Thread.sleep(200);
            job = QuarkusTransaction.requiringNew().call(() -> ImportJob.findById(jobId));
        } while (job.status == ImportJob.Status.QUEUED || job.status == ImportJob.Status.RUNNING);
        long done = System.nanoTime();
        sampling.set(false);
        sampler.join();
        long poolPeak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(job.status).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.rowsRead).isEqualTo(ROWS);

        // COPY of the same file into a plain table: no validation, no hashing, no upsert
        long copied;
        double copySeconds;
        try (Connection c = DriverManager.getConnection(ServiceInfraTestResource.jdbcUrl(),
                ServiceInfraTestResource.postgres().username(), ServiceInfraTestResource.postgres().password())) {
            c.createStatement().execute("drop table if exists benchmark_copy");
            c.createStatement().execute("create table benchmark_copy (person_id text, employer_uscc text, insured_since text, status text)");
            long copyStart = System.nanoTime();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                copied = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy benchmark_copy from stdin with (format csv, header true)", r);
            }
            copySeconds = (System.nanoTime() - copyStart) / 1e9;
            c.createStatement().execute("drop table benchmark_copy");
        }

        double importSeconds = (done - start) / 1e9;
        String report = String.format(Locale.ROOT, """
                        rows: %d (%.1f MB), accepted %d, rejected %d
                        import via API: %.1f s total (upload %.1f s) = %.0f rows/s
                        COPY same file:  %.2f s = %.0f rows/s (%d rows)
                        ratio COPY/import: %.1fx
                        peak heap used: %.0f MB sampled, %.0f MB pool peaks; max heap %d MB
                        """, ROWS, bytes / 1e6, job.rowsAccepted, job.rowsRejected, importSeconds, (uploaded - start) / 1e9,
                ROWS / importSeconds, copySeconds, copied / copySeconds, copied, importSeconds / copySeconds,
                peak.get() / 1e6, poolPeak / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println("BENCHMARK\n" + report);
        Files.writeString(Path.of("target", "import-benchmark.txt"), report);
        Files.deleteIfExists(file);
        assertThat(copied).isEqualTo(ROWS);
        assertThat(job.rowsRejected).isEqualTo((ROWS + 96) / 97);
    }
}
