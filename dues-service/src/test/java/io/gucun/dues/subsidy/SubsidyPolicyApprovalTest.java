package io.gucun.dues.subsidy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.gucun.dues.org.OrgFixtures;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Subsidy policy versions go through maker-checker like rebate policies: proposed by an officer strictly above the
 * region (or an admin), never starting in the past, governing no grant until a second officer approves.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class SubsidyPolicyApprovalTest {

    static final String TOMORROW = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();

    static Integer proposedId;
    static Integer approvalId;
    static Integer late;
    static Integer lateApproval;

    @Inject
    SubsidyService subsidies;

    @BeforeEach
    void tree() {
        OrgFixtures.org("1.801", "DISTRICT");
        OrgFixtures.org("1.801.802", "TOWN");
        OrgFixtures.org("1.801.802.803", "JOINT_AREA");
    }

    /** The versions grants are decided by, read in a transaction of its own. */
    java.util.List<SubsidyRules.Policy> approved() {
        return QuarkusTransaction.requiringNew().call(() -> subsidies.policies());
    }

    static String version(long region, String validFrom, String district) {
        return """
                {"regionOrgId":%d,"validFrom":"%s","districtAmount":"%s","townAmount":"30.00","note":"镇域招募补贴"}"""
                .formatted(region, validFrom, district);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801.802"))
    void theTownCannotSetWhatItPaysForItselfNorReachBackNorGoNegative() {
        given().contentType(ContentType.JSON).body(version(802, TOMORROW, "40.00"))
                .when().post("/api/dues/subsidy-policies").then().statusCode(400).body("errors[0].field", equalTo("regionOrgId"));
        given().contentType(ContentType.JSON).body("{\"validFrom\":\"%s\",\"districtAmount\":\"40.00\",\"townAmount\":\"30\"}"
                        .formatted(TOMORROW))
                .when().post("/api/dues/subsidy-policies").then().statusCode(400).body("errors[0].field", equalTo("regionOrgId"));
        given().contentType(ContentType.JSON).body(version(803, "2020-01-01", "-1"))
                .when().post("/api/dues/subsidy-policies").then().statusCode(400)
                .body("errors.field", hasItem("validFrom")).body("errors.field", hasItem("districtAmount"));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "officer.district.a", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801"))
    void aDistrictOfficerProposesAVersionForATownThatGovernsNothingYet() {
        int before = approved().size();
        var created = given().contentType(ContentType.JSON).body(version(802, TOMORROW, "40.00"))
                .when().post("/api/dues/subsidy-policies")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("approvalId", notNullValue())
                .body("regionPath", equalTo("1.801.802")).body("districtAmount", equalTo("40.00")).extract();
        proposedId = created.path("id");
        approvalId = created.path("approvalId");
        Assertions.assertThat(approved()).hasSize(before).noneMatch(p -> p.id() == proposedId);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + approvalId + "/approval")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:self-approval"))
                .body("errors[0].field", equalTo("approver"));
        // the seeded defaults stay in force
        given().when().get("/api/dues/subsidy-policies").then().statusCode(200)
                .body("find { it.version == 1 }.status", equalTo("APPROVED"))
                .body("find { it.programme == 'UNION_STARTUP' }.status", equalTo("APPROVED"))
                .body("find { it.id == %d }.status".formatted(proposedId), equalTo("PENDING"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801.802"))
    void theTownCannotApproveWhatItIsPaidUnder() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + approvalId + "/approval")
                .then().statusCode(404);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "officer.district.b", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801"))
    void aSecondDistrictOfficerApprovesAndTheVersionIsInForceFromItsStart() {
        given().contentType(ContentType.JSON).body("{\"note\":\"核对无误\"}").when().post("/api/dues/approvals/" + approvalId + "/approval")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("kind", equalTo("SUBSIDY_POLICY"))
                .body("proposedBy", equalTo("officer.district.a")).body("decidedBy", equalTo("officer.district.b"));
        Assertions.assertThat(approved()).anyMatch(p -> p.id() == proposedId && p.districtFen() == 4000
                && p.regionPath().equals("1.801.802"));
        LocalDate tomorrow = LocalDate.parse(TOMORROW);
        Assertions.assertThat(SubsidyRules.inForce(approved(), Programme.RECRUITMENT_SUBSIDY, "1.801.802.803", tomorrow))
                .hasValueSatisfying(p -> Assertions.assertThat(p.id()).isEqualTo((long) proposedId));
        Assertions.assertThat(SubsidyRules.inForce(approved(), Programme.RECRUITMENT_SUBSIDY, "1.801.802.803",
                tomorrow.minusDays(1))).hasValueSatisfying(p -> Assertions.assertThat(p.districtFen()).isEqualTo(3000));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "officer.district.a", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.801"))
    void aProposalWaitsPastItsStart() {
        late = given().contentType(ContentType.JSON).body(version(803, TOMORROW, "35.00"))
                .when().post("/api/dues/subsidy-policies").then().statusCode(201).extract().path("id");
        lateApproval = given().when().get("/api/dues/subsidy-policies").then().statusCode(200)
                .extract().path("find { it.id == %d }.approvalId".formatted(late));
        // as if nobody had decided before its start
        SubsidyTest.number("with moved as (update subsidy_policy set valid_from = current_date - 1 where id = " + late
                + " returning 1) select count(*) from moved");
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin", roles = "admin")
    void anApprovalAfterTheStartHasPassedIsRefusedAndTheVersionStaysPending() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/dues/approvals/" + lateApproval + "/approval")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:reaches-back"))
                .body("errors[0].field", equalTo("validFrom"));
        Assertions.assertThat(approved()).noneMatch(p -> p.id() == late);
        given().when().get("/api/dues/approvals/" + lateApproval).then().statusCode(200).body("status", equalTo("PENDING"));
    }
}
