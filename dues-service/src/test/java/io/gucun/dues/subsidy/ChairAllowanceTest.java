package io.gucun.dues.subsidy;

import static io.gucun.dues.subsidy.BudgetTest.allocate;
import static io.gucun.dues.subsidy.BudgetTest.cash;
import static io.gucun.dues.subsidy.BudgetTest.negativeAccounts;
import static io.gucun.dues.subsidy.SubsidyTest.number;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, point 3: membership's AssessmentClosed decides the part-time chair's allowance for the year; dues posts it
 * out of the paying level's CHAIR_ALLOWANCE fund, owed when the fund cannot cover it, once per assessment.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class ChairAllowanceTest {

    private static final String TOPIC = "membership.assessment.v1";
    private static final String CLOSED = "io.gucun.membership.AssessmentClosed";

    /** An AssessmentClosed as membership publishes it; {@code percent} null: too few raters for a result. */
    private static String closed(long assessmentId, long orgId, int year, String percent, Boolean partTime) {
        boolean shown = percent != null;
        return """
                {"assessmentId":%d,"orgId":%d,"year":%d,"chairMemberId":%d,"raters":%d,"minRaters":10,"resultShown":%s,
                 "satisfied":%s,"basicallySatisfied":%s,"dissatisfied":%s,"satisfactionPercent":%s,"closedAt":"%s",
                 "chairPartTime":%s}""".formatted(assessmentId, orgId, year, assessmentId + 1_000_000, shown ? 20 : 4, shown,
                shown ? 10 : null, shown ? 5 : null, shown ? 5 : null, shown ? "\"" + percent + "\"" : null,
                OffsetDateTime.now(ZoneOffset.UTC), partTime);
    }

    /** The same, from a membership that says how many whole months of the year the chair held the post. */
    private static String closed(long assessmentId, long orgId, int year, String percent, int monthsInPost) {
        String data = closed(assessmentId, orgId, year, percent, true);
        return data.substring(0, data.lastIndexOf('}')) + ",\"chairMonthsInPost\":" + monthsInPost + "}";
    }

    private static String send(long assessmentId, String data) {
        String id = UUID.randomUUID().toString();
        KafkaEvents.send(TOPIC, String.valueOf(assessmentId), id, CLOSED, data);
        return id;
    }

    private static void awaitProcessed(String eventId) throws InterruptedException {
        SubsidyTest.awaitProcessed(MembershipAssessmentConsumer.CONSUMER, eventId);
    }

    private static String decision(long assessmentId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) io.gucun.dues.ledger.LedgerAccount.getEntityManager()
                .createNativeQuery("select decision || ' ' || amount_fen from chair_allowance where assessment_id = "
                        + assessmentId).getSingleResult());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theChairsAllowanceFollowsTheMembersAssessmentAndIsPaidOutOfTheTownsFundOrOwed() throws Exception {
        OrgFixtures.org("1.841", "DISTRICT");
        OrgFixtures.org("1.841.842", "TOWN");
        OrgFixtures.org("1.841.842.843", "JOINT_INDUSTRY");
        OrgFixtures.org("1.841.842.844", "JOINT_AREA");
        OrgFixtures.org("1.841.842.844.845", "ENTERPRISE");
        cash(842, "6000.00");
        long fund = given().contentType(ContentType.JSON).body("{\"programme\":\"CHAIR_ALLOWANCE\",\"payerOrgId\":842,"
                + "\"regionOrgId\":842}").when().post("/api/dues/budget-funds").then().statusCode(200)
                .extract().jsonPath().getLong("id");
        allocate(fund, "3600.00").statusCode(200);

        // 87.5% satisfied: the year in full, 12 x 300 yuan from the town, paid out of its fund
        String full = send(841_001, closed(841_001, 843, 2026, "87.50", true));
        awaitProcessed(full);
        Assertions.assertThat(decision(841_001)).isEqualTo("FULL 360000");
        Assertions.assertThat(number("select months_in_post from chair_allowance where assessment_id = 841001"))
                .as("an event without chairMonthsInPost: the whole year").isEqualTo(12);
        long grant = number("select grant_id from chair_allowance where assessment_id = 841001");
        given().when().get("/api/dues/grants/" + grant).then().statusCode(200)
                .body("programme", equalTo("CHAIR_ALLOWANCE")).body("subjectId", equalTo(841_001))
                .body("recipientOrgId", equalTo(843)).body("shares[0].level", equalTo("TOWN"))
                .body("shares[0].payerOrgId", equalTo(842)).body("shares[0].amount", equalTo("3600.00"))
                .body("shares[0].status", equalTo("PAID"));
        given().when().get("/api/dues/budget-funds/" + fund).then().statusCode(200).body("balance", equalTo("0.00"));
        Assertions.assertThat(SubsidyTest.credit(843, "SUBSIDIES")).isEqualTo(360_000);

        // 70%: half the year's allowance; the fund is empty, so the town owes it
        String reduced = send(841_002, closed(841_002, 845, 2026, "70.00", true));
        // too few raters, below 60%, a full-time chair, a federation's chair: no allowance
        String noResult = send(841_003, closed(841_003, 844, 2026, null, true));
        String none = send(841_004, closed(841_004, 844, 2027, "59.99", true));
        String fullTime = send(841_005, closed(841_005, 843, 2027, "95.00", false));
        String town = send(841_006, closed(841_006, 842, 2026, "95.00", true));
        for (String e : new String[] {reduced, noResult, none, fullTime, town}) {
            awaitProcessed(e);
        }
        Assertions.assertThat(decision(841_002)).isEqualTo("REDUCED 180000");
        Assertions.assertThat(decision(841_003)).isEqualTo("NO_RESULT 0");
        Assertions.assertThat(decision(841_004)).isEqualTo("NONE 0");
        Assertions.assertThat(decision(841_005)).isEqualTo("NOT_PART_TIME 0");
        Assertions.assertThat(decision(841_006)).isEqualTo("NOT_COVERED 0");
        Assertions.assertThat(number("select count(*) from programme_grant where programme = 'CHAIR_ALLOWANCE'"
                + " and subject_id between 841003 and 841006")).isZero();
        given().when().get("/api/dues/orgs/842/grant-report").then().statusCode(200)
                .body("rows.find { it.orgId == 842 && it.programme == 'CHAIR_ALLOWANCE' }.paidOut", equalTo("3600.00"))
                .body("rows.find { it.orgId == 842 && it.programme == 'CHAIR_ALLOWANCE' }.owedOut", equalTo("1800.00"))
                .body("rows.find { it.orgId == 845 && it.programme == 'CHAIR_ALLOWANCE' }.owedIn", equalTo("1800.00"));
        Assertions.assertThat(negativeAccounts()).isZero();

        // the event again (redelivered, or republished under a new id): the allowance is not posted twice
        String again = send(841_001, closed(841_001, 843, 2026, "87.50", true));
        awaitProcessed(again);
        Assertions.assertThat(number("select count(*) from programme_grant where programme = 'CHAIR_ALLOWANCE'"
                + " and subject_id = 841001")).isEqualTo(1);
        Assertions.assertThat(SubsidyTest.credit(843, "SUBSIDIES")).isEqualTo(360_000);

        // the town tops its fund up: what it owed is paid
        allocate(fund, "1800.00").statusCode(200).body("balance", equalTo("0.00")).body("owed", equalTo("0.00"));
        Assertions.assertThat(SubsidyTest.credit(845, "SUBSIDIES")).isEqualTo(180_000);
        Assertions.assertThat(negativeAccounts()).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aRegionSetsItsOwnDatedScale() throws Exception {
        OrgFixtures.org("1.851", "DISTRICT");
        OrgFixtures.org("1.851.852", "TOWN");
        OrgFixtures.org("1.851.852.853", "JOINT_AREA");
        // A version starts today at the earliest and waits for a second officer (maker-checker).
        String policy = """
                {"programme":"CHAIR_ALLOWANCE","regionOrgId":852,"validFrom":"%s","districtAmount":"100.00",
                 "townAmount":"200.00"%%s}""".formatted(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        given().contentType(ContentType.JSON).body(policy.formatted("")).when().post("/api/dues/subsidy-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("fullFromPercent"));
        given().contentType(ContentType.JSON).body(policy.formatted(",\"fullFromPercent\":70,\"reducedFromPercent\":75,"
                + "\"reducedSharePercent\":50")).when().post("/api/dues/subsidy-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("reducedFromPercent"));
        given().contentType(ContentType.JSON).body(policy.formatted(",\"fullFromPercent\":70,\"reducedFromPercent\":50,"
                + "\"reducedSharePercent\":101")).when().post("/api/dues/subsidy-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("reducedSharePercent"));
        given().contentType(ContentType.JSON).body(policy.formatted(",\"fullFromPercent\":70,\"reducedFromPercent\":50,"
                + "\"reducedSharePercent\":25")).when().post("/api/dues/subsidy-policies")
                .then().statusCode(201).body("fullFromPercent", equalTo(70)).body("reducedSharePercent", equalTo(25))
                .body("status", equalTo("PENDING"));
        // As if approved and in force for years: the assessments below are of 2026 and 2027.
        QuarkusTransaction.requiringNew().run(() -> io.gucun.dues.ledger.LedgerAccount.getEntityManager().createNativeQuery(
                "update subsidy_policy set status = 'APPROVED', valid_from = date '2020-01-01' where programme = 'CHAIR_ALLOWANCE'"
                        + " and region_path = cast('1.851.852' as ltree)").executeUpdate());
        given().when().get("/api/dues/subsidy-policies").then().statusCode(200)
                .body("find { it.programme == 'CHAIR_ALLOWANCE' && it.regionPath == '1' }.fullFromPercent", equalTo(80.0f))
                .body("find { it.programme == 'CHAIR_ALLOWANCE' && it.regionPath == '1' }.townAmount", equalTo("300.00"));

        // under the region's scale 72% is the full year: 12 x (100 + 200) yuan, owed (neither level has a fund)
        String full = send(851_001, closed(851_001, 853, 2026, "72.00", true));
        String reduced = send(851_002, closed(851_002, 853, 2027, "55.00", true));
        awaitProcessed(full);
        awaitProcessed(reduced);
        Assertions.assertThat(decision(851_001)).isEqualTo("FULL 360000");
        Assertions.assertThat(decision(851_002)).isEqualTo("REDUCED 90000");
        Assertions.assertThat(number("select count(*) from grant_share s join programme_grant g on g.id = s.grant_id"
                + " where g.subject_id = 851001 and g.programme = 'CHAIR_ALLOWANCE' and s.status = 'OWED'")).isEqualTo(2);
        Assertions.assertThat(negativeAccounts()).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aChairInPostPartOfTheYearIsPaidTheShareOfTheWholeMonthsServed() throws Exception {
        OrgFixtures.org("1.861", "DISTRICT");
        OrgFixtures.org("1.861.862", "TOWN");
        OrgFixtures.org("1.861.862.863", "JOINT_AREA");
        OrgFixtures.org("1.861.862.863.864", "ENTERPRISE");

        // elected in March: April to December, 9 x 300 yuan (owed: the town has no fund); half of it at 70%
        String nine = send(861_001, closed(861_001, 863, 2026, "87.50", 9));
        String reduced = send(861_002, closed(861_002, 864, 2026, "70.00", 7));
        // in post no whole month of the year: nothing, whatever the members said
        String none = send(861_003, closed(861_003, 863, 2027, "95.00", 0));
        for (String e : new String[] {nine, reduced, none}) {
            awaitProcessed(e);
        }
        Assertions.assertThat(decision(861_001)).isEqualTo("FULL 270000");
        Assertions.assertThat(decision(861_002)).isEqualTo("REDUCED 105000");
        Assertions.assertThat(decision(861_003)).isEqualTo("NOT_IN_POST 0");
        Assertions.assertThat(number("select months_in_post from chair_allowance where assessment_id = 861001"))
                .isEqualTo(9);
        Assertions.assertThat(number("select count(*) from programme_grant where programme = 'CHAIR_ALLOWANCE'"
                + " and subject_id = 861003")).isZero();
        long grant = number("select grant_id from chair_allowance where assessment_id = 861001");
        given().when().get("/api/dues/grants/" + grant).then().statusCode(200)
                .body("shares[0].amount", equalTo("2700.00")).body("shares[0].status", equalTo("OWED"));
    }
}
