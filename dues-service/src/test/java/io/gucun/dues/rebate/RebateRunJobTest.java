package io.gucun.dues.rebate;

import static io.gucun.dues.enterprise.EnterpriseFixtures.creditCode;
import static io.gucun.dues.rebate.RebateApiTest.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import io.gucun.dues.enterprise.EnterpriseFixtures;
import io.gucun.dues.job.AwaitJob;
import io.gucun.dues.job.DuesJob;
import io.gucun.dues.job.JobIdentity;
import io.gucun.dues.job.JobRunner;
import io.gucun.dues.job.Submitter;
import io.gucun.dues.org.OrgFixtures;
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
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class RebateRunJobTest {

    static final String E = creditCode(74101);

    @Inject
    RebateRuns runs;

    @Inject
    JobRunner runner;

    @Inject
    JobIdentity identity;

    @BeforeEach
    void fixtures() {
        OrgFixtures.org("1.741", "DISTRICT");
        OrgFixtures.org("1.741.742", "TOWN");
        OrgFixtures.org("1.741.742.743", "JOINT_AREA");
        OrgFixtures.org("1.741.742.743.744", "ENTERPRISE");
        EnterpriseFixtures.registered(74101, E, 743, 86);
        EnterpriseFixtures.unionFounded(74101, E, 744, "1.741.742.743.744");
    }

    private static void collect(String period, String payroll) {
        AwaitJob.imported(given().contentType("text/csv").body("creditCode,period,payrollBase,amount,partnerReference\n" + E + ","
                + period + "," + payroll + ",," + UUID.randomUUID() + "\n").when().post("/api/dues/collection-imports"))
                .body("posted", equalTo(1));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRunAnswers202AndItsJobsResultIsTheRunThenARerunFindsNothing() {
        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(4).toString();
        collect(period, "100000.00");
        Response accepted = given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/742/rebate-runs?size=1");
        accepted.then().statusCode(202).body("kind", equalTo("REBATE_RUN")).body("orgId", equalTo(742))
                .body("period", equalTo(period)).body("submittedBy", equalTo("admin"));
        JsonPath job = AwaitJob.succeeded(accepted).body("startedAt", notNullValue()).body("finishedAt", notNullValue())
                .body("result.collections", equalTo(1)).body("result.total", equalTo("2000.00"))
                .body("result.lines.items.size()", equalTo(1)).body("result.runBy", equalTo("admin")).extract().jsonPath();
        long runId = job.getLong("result.runId");
        given().when().get("/api/dues/rebate-runs/" + runId).then().statusCode(200).body("total", equalTo("2000.00"));

        AwaitJob.succeeded(given().contentType(ContentType.JSON).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/742/rebate-runs")).body("result.runId", nullValue())
                .body("result.collections", equalTo(0));
        Assertions.assertThat(count("select count(*) from rebate_run where org_id = 742 and period = '" + period + "'")).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRunWhoseRunnerDiedRunsAgainWhenItsLeaseRunsOutAndPostsOnce() {
        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(5).toString();
        collect(period, "50000.00");
        Submitter admin = new Submitter("admin", Set.of(Roles.ADMIN), null);
        DuesJob job = identity.callAs(admin, () -> runs.accept(742, period, PageRequest.of(null, null), null, false));
        // Its runner claimed it and died mid-run: the run's transaction rolled back, the job stayed RUNNING.
        QuarkusTransaction.requiringNew().run(() -> DuesJob.update("status = ?1, leaseUntil = ?2, attempts = 1,"
                + " startedAt = ?3 where id = ?4", DuesJob.Status.RUNNING, OffsetDateTime.now().plusMinutes(5),
                OffsetDateTime.now(), job.id));
        runner.resumeAbandoned();
        Assertions.assertThat(runner.run(job.id, Long.MAX_VALUE)).as("its lease has not run out").isFalse();
        given().when().get("/api/dues/jobs/" + job.id).then().statusCode(200).body("status", equalTo("RUNNING"));
        Assertions.assertThat(count("select count(*) from rebate_run where org_id = 742 and period = '" + period + "'")).isZero();

        QuarkusTransaction.requiringNew().run(() -> DuesJob.update("leaseUntil = ?1 where id = ?2",
                OffsetDateTime.now().minusSeconds(1), job.id));
        runner.resumeAbandoned();
        JsonPath done = AwaitJob.succeeded(job.id).extract().jsonPath();
        Assertions.assertThat(done.getLong("result.runId")).isPositive();
        Assertions.assertThat(done.getString("result.total")).isEqualTo("1000.00");
        Assertions.assertThat(count("select attempts from dues_job where id = '" + job.id + "'")).isEqualTo(2);
        Assertions.assertThat(count("select count(*) from rebate_run where org_id = 742 and period = '" + period + "'")).isEqualTo(1);
        // A finished job is not taken up again.
        Assertions.assertThat(runner.run(job.id, Long.MAX_VALUE)).isFalse();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void badRunsAreRefusedBeforeAnyJobAndAKeyAnswersTheSameJob() {
        long jobs = count("select count(*) from dues_job");
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-13\"}").when().post("/api/dues/orgs/742/rebate-runs")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("period"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/orgs/742/rebate-runs")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("period"));
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-01\"}").when().post("/api/dues/orgs/749999/rebate-runs")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-01\"}").when().post("/api/dues/orgs/742/rebate-runs?size=500")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        Assertions.assertThat(count("select count(*) from dues_job")).isEqualTo(jobs);

        String period = YearMonth.now(ZoneOffset.UTC).minusMonths(6).toString();
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/742/rebate-runs").then().statusCode(202).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"period\":\"" + period + "\"}")
                .when().post("/api/dues/orgs/742/rebate-runs").then().statusCode(202).body("id", equalTo(first));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"period\":\"2026-01\"}")
                .when().post("/api/dues/orgs/742/rebate-runs").then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
        AwaitJob.succeeded(UUID.fromString(first));
    }
}
