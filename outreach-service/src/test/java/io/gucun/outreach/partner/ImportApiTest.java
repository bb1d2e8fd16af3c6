package io.gucun.outreach.partner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.common.pii.BlindIndexes;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.Planning;
import io.gucun.outreach.TestTree;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class ImportApiTest {

    static final String SI = "partner-social-insurance";
    static final String TAX = "partner-tax";

    @Inject
    EntityManager em;

    @Inject
    BlindIndexes indexes;

    @Inject
    ImportRunner runner;

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    static Response post(String path, String csv) {
        return given().contentType("text/csv").body(csv).post("/api/outreach/imports/" + path);
    }

    static String awaitDone(String jobId) {
        MembershipFeed.await("import " + jobId + " done", () -> {
            String status = given().get("/api/outreach/imports/" + jobId).then().statusCode(200).extract().path("status");
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        });
        return given().get("/api/outreach/imports/" + jobId).then().extract().path("status");
    }

    @Test
    void duringAKeyRotationTheNextFileMovesAPersonToTheNewKeyVersionWithoutADuplicate() {
        // Tests run with ID-number index version 2 current and 1 previous: a row as a file before the rotation left it.
        String person = TestIds.idNumber();
        String uscc = TestIds.creditCode();
        String v1 = indexes.idNumber().version(1).hash(person);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into insured_person (id_hash,"
                        + " employer_credit_code, insured_since, status, job_id, updated_at, id_hash_version)"
                        + " values (?1, ?2, date '2018-01-01', 'ACTIVE', gen_random_uuid(), now(), 1)")
                .setParameter(1, v1).setParameter(2, uscc).executeUpdate());
        // ...and the same person's sign-up from before the rotation, which keeps no ID number to re-hash.
        long eventId = Planning.weekendEvent(TestTree.create());
        UUID signUp = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into sign_up (id, event_id, staff,"
                        + " org_id, org_path, id_hash, id_masked, mobile_masked, status, signed_up_at, received_at,"
                        + " received_by, fingerprint, id_hash_version) values (?1, ?2, 'officer.zhang', 1, cast('1' as ltree),"
                        + " ?3, 'masked', 'masked', 'REJECTED', now(), now(), 'test', 'fp', 1)")
                .setParameter(1, signUp).setParameter(2, eventId).setParameter(3, v1).executeUpdate());

        Actors.partner("si-bureau", SI);
        Response accepted = post("social-insurance", "person_id,employer_uscc,insured_since,status\n"
                + person + "," + uscc + ",2018-01-01,SUSPENDED\n");
        assertThat(awaitDone(accepted.path("id"))).isEqualTo("COMPLETED");

        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select id_hash_version, status from insured_person where employer_credit_code = ?1")
                .setParameter(1, uscc).getResultList());
        assertThat(rows).hasSize(1);
        Object[] row = (Object[]) rows.getFirst();
        assertThat(((Number) row[0]).intValue()).isEqualTo(2);
        assertThat(row[1]).isEqualTo("SUSPENDED");
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select status from insured_person where id_hash = ?1").setParameter(1, indexes.idNumber().hash(person))
                .getSingleResult())).isEqualTo("SUSPENDED");
        // The sign-up moved with the person, so the insured worker still matches it.
        Object[] moved = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select id_hash, id_hash_version from sign_up where id = ?1").setParameter(1, signUp).getSingleResult());
        assertThat(moved[0]).isEqualTo(indexes.idNumber().hash(person));
        assertThat(((Number) moved[1]).intValue()).isEqualTo(2);
    }

    @Test
    void malformedRowsAreRejectedOneByOneWhileGoodRowsLoadAndAReplayChangesNothing() {
        String a = TestIds.idNumber();
        String b = TestIds.idNumber();
        String c = TestIds.idNumber();
        String uscc = TestIds.creditCode();
        String badCheck = a.substring(0, 17) + (a.charAt(17) == '1' ? '2' : '1');
        String csv = "person_id,employer_uscc,insured_since,status\n"
                + a + "," + uscc + ",2020-01-01,ACTIVE\n"          // line 2
                + badCheck + "," + uscc + ",2020-01-01,ACTIVE\n"   // line 3
                + b + "," + uscc + ",2021-06-15,ACTIVE\r\n"        // line 4
                + b + ",NOT-A-CODE,2021-06-15,ACTIVE\n"            // line 5
                + "\n"                                             // line 6 (blank, skipped)
                + c + "," + uscc + ",2019-02-03\n"                 // line 7
                + c + "," + uscc + ",2019-02-03,SUSPENDED\n";      // line 8
        Actors.partner("si-bureau", SI);
        Response accepted = post("social-insurance", csv);
        accepted.then().statusCode(202).body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "COMPLETED"));
        String jobId = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/outreach/imports/" + jobId);
        assertThat(awaitDone(jobId)).isEqualTo("COMPLETED");
        given().get("/api/outreach/imports/" + jobId).then()
                .body("rowsRead", equalTo(6)).body("rowsAccepted", equalTo(3)).body("rowsRejected", equalTo(3));
        String report = given().get("/api/outreach/imports/" + jobId + "/rejects").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(report.lines().toList()).containsExactly("line,reason",
                "3,\"person_id has a wrong check character\"",
                "5,\"employer_uscc " + io.gucun.common.identity.CreditCode.problemWith("NOT-A-CODE").orElseThrow() + "\"",
                "7,\"expected 4 columns, found 3\"");
        assertThat(report).doesNotContain(badCheck);

        long insured = insuredAt(uscc);
        assertThat(insured).isEqualTo(3);
        String status = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from insured_person where id_hash = ?1").setParameter(1, indexes.idNumber().hash(c)).getSingleResult());
        assertThat(status).isEqualTo("SUSPENDED");
        Long clear = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from insured_person where id_hash = ?1 or id_hash = ?2").setParameter(1, a).setParameter(2, b)
                .getSingleResult()).longValue());
        assertThat(clear).as("ID numbers only as keyed hashes").isZero();

        // the partner sends the same file again: same counts, no duplicate rows
        String again = post("social-insurance", csv).then().statusCode(202).extract().path("id");
        assertThat(awaitDone(again)).isEqualTo("COMPLETED");
        given().get("/api/outreach/imports/" + again).then().body("rowsAccepted", equalTo(3));
        assertThat(insuredAt(uscc)).isEqualTo(3);
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedAloneAndTheRestOfTheFileLoads() throws Exception {
        String uscc = TestIds.creditCode();
        var file = new java.io.ByteArrayOutputStream();
        file.write(("person_id,employer_uscc,insured_since,status\n"
                + TestIds.idNumber() + "," + uscc + ",2020-01-01,ACTIVE\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        file.write(TestIds.idNumber().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        file.write(new byte[] {',', (byte) 0xc3, (byte) 0x28, (byte) 0xff, ',', '2', '0', '2', '0', '-', '0', '1', '-', '0', '1', ',',
                'A', 'C', 'T', 'I', 'V', 'E', '\n'});                                           // line 3: bytes no UTF-8 allows
        file.write((TestIds.idNumber() + "," + uscc + ",2021-06-15,ACTIVE\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Actors.partner("si-bureau", SI);
        String jobId = given().contentType("text/csv").body(file.toByteArray()).post("/api/outreach/imports/social-insurance")
                .then().statusCode(202).extract().path("id");
        assertThat(awaitDone(jobId)).isEqualTo("COMPLETED");
        given().get("/api/outreach/imports/" + jobId).then()
                .body("rowsRead", equalTo(3)).body("rowsAccepted", equalTo(2)).body("rowsRejected", equalTo(1))
                .body("error", org.hamcrest.Matchers.nullValue());
        String report = given().get("/api/outreach/imports/" + jobId + "/rejects").then().statusCode(200).extract().asString();
        assertThat(report.lines().toList()).containsExactly("line,reason", "3,\"the line is not UTF-8 text\"");
        assertThat(insuredAt(uscc)).isEqualTo(2);
    }

    private long insuredAt(String uscc) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from insured_person where employer_credit_code = ?1").setParameter(1, uscc)
                .getSingleResult()).longValue());
    }

    @Test
    void aFileThatIsNotCsvOrHasTheWrongColumnsFailsFast() {
        Actors.partner("tax-bureau", TAX);
        post("tax", "person_id,employer_uscc,insured_since,status\n1,2,3,4\n").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:gucun:problem:import-format"))
                .body("errors.field", hasItem("file")).body("detail", org.hamcrest.Matchers.containsString("enterprise_uscc,headcount"));
        given().contentType("text/csv").body(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, 0, (byte) 0xff, '\n'})
                .post("/api/outreach/imports/tax").then().statusCode(400).body("errors.field", hasItem("file"));
        given().contentType("application/json").body("{}").post("/api/outreach/imports/tax").then().statusCode(415);
        post("tax", "").then().statusCode(400);
    }

    @Test
    void partnersImportOnlyTheirOwnKindAndSeeOnlyTheirOwnJobs() {
        String uscc = TestIds.creditCode();
        Actors.partner("tax-bureau", TAX);
        post("social-insurance", "person_id,employer_uscc,insured_since,status\n").then().statusCode(403);
        String jobId = post("tax", "enterprise_uscc,headcount,payroll,period\n" + uscc + ",30,250000.00,2026-10\n")
                .then().statusCode(202).extract().path("id");
        assertThat(awaitDone(jobId)).isEqualTo("COMPLETED");

        Actors.partner("si-bureau", SI);
        given().get("/api/outreach/imports/" + jobId).then().statusCode(404);
        given().get("/api/outreach/imports/" + jobId + "/rejects").then().statusCode(404);
        given().get("/api/outreach/imports").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(jobId)));
        Actors.officer("officer.town", "1.2");
        given().get("/api/outreach/imports/" + jobId).then().statusCode(403);
        post("tax", "enterprise_uscc,headcount,payroll,period\n").then().statusCode(403);
        Actors.admin();
        given().get("/api/outreach/imports/" + jobId).then().statusCode(200).body("rowsAccepted", equalTo(1));
    }

    @Test
    void anImportCutShortByACrashResumesAfterItsLastBatchAndCountsEachRowOnce() throws Exception {
        String uscc = TestIds.creditCode();
        StringBuilder csv = new StringBuilder("person_id,employer_uscc,insured_since,status\n");
        for (int i = 0; i < 10; i++) {
            csv.append(i == 4 ? "broken-row" : TestIds.idNumber() + "," + uscc + ",2022-01-01,ACTIVE").append('\n');
        }
        Path file = Files.createTempFile("si-", ".csv");
        Files.writeString(file, csv);
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = new ImportJob();
            job.id = id;
            job.kind = ImportKind.SOCIAL_INSURANCE;
            job.status = ImportJob.Status.QUEUED;
            job.submittedBy = "si-bureau";
            job.stagedFile = file.toString();
            job.checkpointLine = 1;
            job.createdAt = OffsetDateTime.now();
            job.persist();
        });
        // one batch of 3 rows, then the process "dies": its lease still runs, so nobody else takes the job
        assertThat(runner.run(id, 3, 1)).isTrue();
        ImportJob halfway = QuarkusTransaction.requiringNew().call(() -> ImportJob.findById(id));
        assertThat(halfway.status).isEqualTo(ImportJob.Status.RUNNING);
        assertThat(halfway.rowsRead).isEqualTo(3);
        assertThat(halfway.checkpointLine).isEqualTo(4);
        assertThat(runner.run(id, 3, Long.MAX_VALUE)).as("held by the dead runner until its lease runs out").isFalse();

        QuarkusTransaction.requiringNew().run(() -> ImportJob.update("leaseUntil = ?1 where id = ?2", OffsetDateTime.now().minusSeconds(1), id));
        runner.run(id, 3, Long.MAX_VALUE);
        MembershipFeed.await("resumed import done", () -> QuarkusTransaction.requiringNew().call(
                () -> ImportJob.<ImportJob>findById(id).status == ImportJob.Status.COMPLETED));
        ImportJob done = QuarkusTransaction.requiringNew().call(() -> ImportJob.findById(id));
        assertThat(done.rowsRead).isEqualTo(10);
        assertThat(done.rowsAccepted).isEqualTo(9);
        assertThat(done.rowsRejected).isEqualTo(1);
        assertThat(insuredAt(uscc)).isEqualTo(9);
        assertThat(Files.exists(file)).as("the staged file is removed once done").isFalse();
    }
}
