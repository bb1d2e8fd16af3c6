package io.gucun.dues.collection;

import static io.gucun.dues.collection.CollectionApiTest.A;
import static io.gucun.dues.collection.CollectionApiTest.B;
import static io.gucun.dues.collection.CollectionApiTest.PERIOD;
import static io.gucun.dues.collection.CollectionApiTest.cashAt;
import static io.gucun.dues.collection.CollectionApiTest.count;
import static io.gucun.dues.collection.CollectionApiTest.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

import io.agroal.api.AgroalDataSource;
import io.gucun.common.security.Roles;
import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.job.DuesJob;
import io.gucun.dues.job.JobIdentity;
import io.gucun.dues.job.JobRunner;
import io.gucun.dues.job.Submitter;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class CollectionImportJobTest {

    private static final String HEADER = "creditCode,period,payrollBase,amount,partnerReference\n";

    @Inject
    CollectionImports imports;

    @Inject
    JobRunner runner;

    @Inject
    JobIdentity identity;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void fixtures() {
        new CollectionApiTest().fixtures();
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aFileLargerThanTheOldCapAnswers202AndItsJobPostsEachRecordOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int rows = 25_000;
        int distinct = 500;
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            if (i % 2500 == 7) {
                csv.append("XXXX,").append(PERIOD).append(",10000.00,,").append(run).append("-bad-").append(i).append('\n');
                continue;
            }
            // the same references again and again: duplicates cost no posting, which keeps the test fast
            int ref = i % distinct;
            csv.append(ref % 2 == 0 ? A : B).append(',').append(PERIOD).append(",10000.00,,").append(run).append('-').append(ref)
                    .append('\n');
        }
        long cashBefore = cashAt(602);
        Response accepted = given().contentType("text/csv").body(csv.toString()).when().post("/api/dues/collection-imports");
        accepted.then().statusCode(202).body("kind", equalTo("COLLECTION_IMPORT"))
                .body("status", oneOf("QUEUED", "RUNNING", "SUCCEEDED")).body("submittedBy", equalTo("tax.shanghai"))
                .body("createdAt", notNullValue()).body("progress.rows", equalTo(rows)).body("progress.chunks", equalTo(25));
        JsonPath job = AwaitJob.succeeded(accepted).extract().jsonPath();
        Assertions.assertThat(job.getInt("progress.rowsDone")).isEqualTo(rows);
        Assertions.assertThat(job.getInt("progress.chunksDone")).isEqualTo(25);
        Assertions.assertThat(job.getInt("progress.posted")).isEqualTo(distinct);
        Assertions.assertThat(job.getInt("progress.rejected")).isEqualTo(10);
        Assertions.assertThat(job.getInt("progress.duplicates")).isEqualTo(rows - distinct - 10);
        Assertions.assertThat(job.getString("finishedAt")).isNotNull();
        // the result names each reject by line (the header is line 1) and field, the first hundred exceptions of many
        Assertions.assertThat(job.getInt("result.rows")).isEqualTo(rows);
        Assertions.assertThat(job.getList("result.exceptions")).hasSize(100);
        Assertions.assertThat(job.getBoolean("result.exceptionsTruncated")).isTrue();
        Assertions.assertThat(job.getInt("result.exceptions[0].line")).isEqualTo(9);
        Assertions.assertThat(job.getString("result.exceptions[0].status")).isEqualTo("REJECTED");
        Assertions.assertThat(job.getString("result.exceptions[0].errors[0].field")).isEqualTo("creditCode");
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(distinct * 20_000L);
        long importId = job.getLong("importId");
        given().when().get("/api/dues/collection-imports/" + importId).then().statusCode(200)
                .body("posted", equalTo(distinct)).body("results", hasSize(rows)).body("results[24999].line", equalTo(rows + 1));
        Assertions.assertThat(count("select count(*) from dues_job_chunk where job_id = '" + job.getString("id") + "'"))
                .as("the spooled records are let go once the import is done").isZero();
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aCrashedImportResumesAfterItsLastCommittedChunkAndPostsNothingTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int rows = 2_500; // three chunks of at most 1,000
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append(i % 2 == 0 ? A : B).append(',').append(PERIOD).append(",10000.00,,").append(run).append('-').append(i).append('\n');
        }
        long cashBefore = cashAt(602);
        Submitter tax = new Submitter("tax.shanghai", Set.of(Roles.PARTNER_TAX), null);
        DuesJob job = identity.callAs(tax, () -> imports.accept("CSV", new ByteArrayInputStream(
                csv.toString().getBytes(StandardCharsets.UTF_8)), null, false));
        Assertions.assertThat(job.chunks).isEqualTo(3);

        // The first runner commits one chunk, then its process dies (it stops; its lease is left to run out).
        Assertions.assertThat(runner.run(job.id, 1)).isTrue();
        Assertions.assertThat(runner.run(job.id, Long.MAX_VALUE)).as("the lease still holds it").isFalse();
        given().when().get("/api/dues/jobs/" + job.id).then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("progress.chunksDone", equalTo(1)).body("progress.posted", equalTo(1000));
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(1000 * 20_000L);

        QuarkusTransaction.requiringNew().run(() -> DuesJob.update("leaseUntil = ?1 where id = ?2",
                java.time.OffsetDateTime.now().minusMinutes(1), job.id));
        runner.resumeAbandoned();
        JsonPath done = AwaitJob.succeeded(job.id).extract().jsonPath();
        Assertions.assertThat(done.getInt("progress.posted")).isEqualTo(rows);
        Assertions.assertThat(done.getInt("progress.duplicates")).isZero();
        Assertions.assertThat(done.getInt("progress.rowsDone")).isEqualTo(rows);
        Assertions.assertThat(count("select attempts from dues_job where id = '" + job.id + "'")).isEqualTo(2);
        Assertions.assertThat(count("select count(*) from fund_collection where partner_ref like '" + run + "-%'")).isEqualTo(rows);
        Assertions.assertThat(count("select count(*) from journal_entry where source_ref like 'collection:" + run + "-%'"))
                .isEqualTo(rows);
        Assertions.assertThat(cashAt(602) - cashBefore).isEqualTo(rows * 20_000L);
        given().when().get("/api/dues/collection-imports/" + job.importId).then().statusCode(200)
                .body("posted", equalTo(rows)).body("results", hasSize(rows)).body("results[2499].line", equalTo(rows + 1));
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aJobBeingClaimedElsewhereIsPassedOverNotWaitedFor() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Submitter tax = new Submitter("tax.shanghai", Set.of(Roles.PARTNER_TAX), null);
        DuesJob job = identity.callAs(tax, () -> imports.accept("CSV", new ByteArrayInputStream((HEADER + A + ',' + PERIOD
                + ",10000.00,," + run + "-1\n").getBytes(StandardCharsets.UTF_8)), null, false));
        // Another runner's claim in progress: its transaction holds the job's row.
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select id from dues_job where id = ? for update")) {
                lock.setObject(1, job.id);
                lock.executeQuery().close();
            }
            // Without skip locked the claim would wait for that row and fail on the lock timeout instead.
            Assertions.assertThat(runner.run(job.id, Long.MAX_VALUE)).isFalse();
            other.rollback();
        }
        Assertions.assertThat(runner.run(job.id, Long.MAX_VALUE)).as("free again once the other claim let go").isTrue();
        Assertions.assertThat(count("select count(*) from dues_job where status = 'SUCCEEDED' and attempts = 1 and id = '"
                + job.id + "'")).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameJobAndAnotherBodyUnderItIsRefused() {
        String run = UUID.randomUUID().toString();
        String body = "[" + record(A, "300000.00", null, run + "-1") + "]";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", run).body(body)
                .when().post("/api/dues/collection-imports").then().statusCode(202).extract().path("id");
        Response again = given().contentType(ContentType.JSON).header("Idempotency-Key", run).body(body)
                .when().post("/api/dues/collection-imports");
        again.then().statusCode(202).body("id", equalTo(first));
        AwaitJob.succeeded(again).body("progress.posted", equalTo(1));
        long jobs = count("select count(*) from dues_job");
        given().contentType(ContentType.JSON).header("Idempotency-Key", run).body("[" + record(A, "1.00", null, run + "-2") + "]")
                .when().post("/api/dues/collection-imports").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        Assertions.assertThat(count("select count(*) from dues_job")).isEqualTo(jobs);
        Assertions.assertThat(count("select count(*) from fund_collection where partner_ref like '" + run + "-%'")).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "tax.shanghai", roles = "partner-tax")
    void aBodyThatIsNoImportIsRefusedNamingTheFieldAndNoJobIsCreated() {
        long jobs = count("select count(*) from dues_job");
        given().contentType("text/csv").body("creditCode,period\n" + A + ",2026-10\n").when().post("/api/dues/collection-imports")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("header"));
        given().contentType("text/csv").body(HEADER).when().post("/api/dues/collection-imports")
                .then().statusCode(400).body("errors[0].field", equalTo("rows"));
        given().contentType(ContentType.JSON).body("{\"creditCode\":\"" + A + "\"}").when().post("/api/dues/collection-imports")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body("[" + record(A, "1.00", null, "x") + ", 42]")
                .when().post("/api/dues/collection-imports").then().statusCode(400).body("errors[0].field", equalTo("[2]"));
        given().contentType(ContentType.XML).body("<records/>").when().post("/api/dues/collection-imports")
                .then().statusCode(415);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body("[" + record(A, "1.00", null, "y") + "]")
                .when().post("/api/dues/collection-imports").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        Assertions.assertThat(count("select count(*) from dues_job")).isEqualTo(jobs);
        Assertions.assertThat(count("select count(*) from dues_job_chunk c join dues_job j on j.id = c.job_id"
                + " where j.status = 'QUEUED' and j.import_id is null")).isZero();
    }

    @Test
    @TestSecurity(user = "tax.other", roles = "partner-tax")
    void anotherPartnersJobIsNotRevealed() {
        UUID someoneElses = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> DuesJob.getEntityManager().createNativeQuery("insert into dues_job (id, kind,"
                + " status, submitted_by, submitter_roles, request_hash, created_at) values (?1, 'COLLECTION_IMPORT', 'QUEUED',"
                + " 'tax.shanghai', 'partner-tax', 'h', now())").setParameter(1, someoneElses).executeUpdate());
        given().when().get("/api/dues/jobs/" + someoneElses).then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/dues/jobs/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "member", roles = "member")
    void membersNeitherImportNorSeeJobs() {
        given().contentType("text/csv").body(HEADER).when().post("/api/dues/collection-imports").then().statusCode(403);
        given().when().get("/api/dues/jobs/" + UUID.randomUUID()).then().statusCode(403);
    }
}
