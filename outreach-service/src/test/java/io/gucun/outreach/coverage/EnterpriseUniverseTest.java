package io.gucun.outreach.coverage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.replica.KnownEnterprise;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.PartnerImports;
import io.gucun.outreach.Planning;
import io.gucun.outreach.TestTree;
import io.gucun.outreach.membership.JoinedMember;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The enterprise universe: firms only the partners name appear with sourced figures among the targets and blind spots,
 * insured workers are matched against members by keyed hash, and the pictures show the API's numbers.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class EnterpriseUniverseTest {

    @AfterEach
    void reset() {
        Actors.nobody();
    }

    /** A division of this test alone, so the firms placed by it are this test's only. */
    private static String division() {
        return String.format("5%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    static String creditCodeIn(String division) {
        String first17 = "91" + division + TestIds.creditCode().substring(8, 17);
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static JsonPath item(JsonPath page, String creditCode) {
        List<Map<String, Object>> items = page.getList("items");
        int i = page.getList("items.creditCode").indexOf(creditCode);
        assertThat(i).as(creditCode + " listed in " + items).isNotNegative();
        return new JsonPath(page.prettify()).setRootPath("items[" + i + "]");
    }

    @Test
    void firmsOnlyThePartnersNameAreTargetsWithSourcedFiguresAndSignUpsMoveTheirCoverage() throws Exception {
        TestTree tree = TestTree.create();
        String division = division();
        Actors.officer("officer.district", tree.district());
        given().contentType(ContentType.JSON).body("{\"orgId\": " + tree.townId() + "}")
                .put("/api/outreach/coverage/divisions/" + division).then().statusCode(403);
        Actors.admin();
        given().contentType(ContentType.JSON).body("{\"orgId\": " + tree.townId() + "}")
                .put("/api/outreach/coverage/divisions/31011").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("divisionCode"));
        given().contentType(ContentType.JSON).body("{\"orgId\": " + tree.townId() + "}")
                .put("/api/outreach/coverage/divisions/" + division).then().statusCode(200).body("orgPath", equalTo(tree.town()));

        String blind = creditCodeIn(division);          // 30 insured since 2021, tax headcount 45
        String taxOnly = creditCodeIn(division);        // tax 12 only, this autumn
        String registered = TestIds.creditCode();      // registered in the park, 4 insured
        long registeredId = MembershipFeed.nextId();
        MembershipFeed.enterpriseRegistered(registeredId, registered, tree.parkId(), tree.park(), 20, "2018-01-01", "GRID-R");
        MembershipFeed.await("registered", () -> QuarkusTransaction.requiringNew().call(() -> KnownEnterprise.findById(registeredId) != null));
        List<String> workers = new ArrayList<>();
        StringBuilder insured = new StringBuilder("person_id,employer_uscc,insured_since,status\n");
        for (int i = 0; i < 30; i++) {
            String id = TestIds.idNumber();
            workers.add(id);
            insured.append(id).append(',').append(blind).append(i == 0 ? ",2021-01-01" : ",2023-06-01").append(",ACTIVE\n");
        }
        for (int i = 0; i < 4; i++) {
            insured.append(TestIds.idNumber()).append(',').append(registered).append(",2022-01-01,ACTIVE\n");
        }
        PartnerImports.send("social-insurance", "partner-social-insurance", insured.toString());
        PartnerImports.send("tax", "partner-tax", "enterprise_uscc,headcount,payroll,period\n" + blind + ",45,400000.00,2026-09\n"
                + blind + ",40,380000.00,2025-01\n" + taxOnly + ",12,90000.00,2026-10\n");
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();

        Actors.officer("officer.district", tree.district());
        JsonPath targets = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/targets")
                .then().statusCode(200).extract().jsonPath();
        assertThat(targets.getList("items.creditCode")).contains(blind).doesNotContain(taxOnly, registered);
        JsonPath t = item(targets, blind);
        assertThat(t.getBoolean("registered")).isFalse();
        assertThat(t.getString("placedBy")).isEqualTo("DIVISION");
        assertThat(t.getLong("orgId")).isEqualTo(tree.townId());
        assertThat(t.getString("name")).isNull();
        assertThat(t.getInt("employees")).isEqualTo(45);
        assertThat(t.getMap("employeesEvidence")).containsEntry("source", "TAX").containsEntry("period", "2026-09");
        assertThat(t.getInt("insuredWorkers")).isEqualTo(30);
        assertThat(t.getString("insuredAsOf")).isEqualTo(today);
        assertThat(t.getMap("inBusinessSince")).containsEntry("on", "2021-01-01").containsEntry("source", "SOCIAL_INSURANCE");
        assertThat(t.getMap("rule")).containsEntry("name", "Jiangxi").containsEntry("minEmployees", 25).containsEntry("minYears", 1);

        JsonPath spots = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/blind-spots")
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        assertThat(spots.getList("items.creditCode")).containsExactly(blind, taxOnly);
        JsonPath small = item(spots, taxOnly);
        assertThat(small.getMap("taxHeadcount")).containsEntry("value", 12).containsEntry("source", "TAX").containsEntry("period", "2026-10");
        assertThat(small.getMap("insuredWorkers")).as("the social-insurance partner does not name it").isNull();
        assertThat(small.getMap("inBusinessSince")).containsEntry("on", "2026-10-01").containsEntry("source", "TAX");
        assertThat(small.getBoolean("target")).isFalse();
        assertThat(item(spots, blind).getMap("insuredWorkers")).containsEntry("value", 30).containsEntry("source", "SOCIAL_INSURANCE")
                .containsEntry("period", today);
        given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage").then().statusCode(200)
                .body("enterprises", equalTo(3)).body("blindSpots", equalTo(2))
                .body("suppressed", equalTo(true)); // no member yet: fewer than the minimum group

        // Twelve of the blind spot's insured workers sign up at a weekend event and become members of the park union
        long eventId = Planning.weekendEvent(tree);
        List<String> signUps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            signUps.add("""
                    {"id": "%s", "idNumber": "%s", "name": "职工", "mobile": "%s", "employerCreditCode": "%s",
                     "employmentForm": "STANDARD", "signedUpAt": "2026-11-28T10:42:00+08:00"}"""
                    .formatted(UUID.randomUUID(), workers.get(i), TestIds.mobile(), blind));
        }
        List<Long> memberIds = given().contentType(ContentType.JSON).body("{\"signUps\": [" + String.join(",", signUps) + "]}")
                .post("/api/outreach/events/" + eventId + "/sign-ups").then().statusCode(200)
                .extract().jsonPath().getList("signUp.memberId", Long.class);
        memberIds.forEach(id -> MembershipFeed.memberJoined(id, tree.parkId(), tree.park(), "ON_SITE"));
        MembershipFeed.await("members", () -> QuarkusTransaction.requiringNew().call(() ->
                JoinedMember.count("orgId = ?1 and memberId in ?2", tree.parkId(), memberIds) == 12));

        Actors.officer("officer.district", tree.district());
        JsonPath firms = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/enterprises")
                .then().statusCode(200).body("total", equalTo(3)).extract().jsonPath();
        JsonPath f = item(firms, blind);
        assertThat(f.getInt("insuredWorkers")).isEqualTo(30);
        assertThat(f.getInt("insuredMembers")).isEqualTo(12);
        assertThat(f.getInt("insuredNotMembers")).isEqualTo(18);
        assertThat(f.getDouble("coverage")).isEqualTo(0.40);
        assertThat(f.getString("gridCode")).as("placed now by the lead the sign-ups opened").isEqualTo("BS-GC-017");
        JsonPath r = item(firms, registered);
        assertThat(r.getBoolean("suppressed")).isTrue();
        assertThat(r.getString("insuredWorkers")).as("4 insured: below the minimum group").isNull();
        String body = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/enterprises").asString();
        assertThat(workers).noneMatch(body::contains);

        given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage").then().statusCode(200)
                .body("insuredWorkers", equalTo(34)).body("members", equalTo(12)).body("suppressed", equalTo(false));
        JsonPath funnel = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/funnel")
                .then().statusCode(200).extract().jsonPath();
        assertThat(funnel.getInt("insuredWorkers")).isEqualTo(34);
        assertThat(funnel.getInt("members")).isEqualTo(12);
        assertThat(funnel.getInt("active")).isEqualTo(12);

        // The pictures carry exactly the API's numbers
        JsonPath grids = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/grids")
                .then().statusCode(200).extract().jsonPath();
        String heat = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/grids.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        Map<String, Element> cells = shapes(heat, "data-grid");
        assertThat(cells).hasSize(grids.getList("items").size());
        for (int i = 0; i < grids.getList("items").size(); i++) {
            String code = grids.getString("items[" + i + "].gridCode");
            Element cell = cells.get(code == null ? "(no grid)" : code);
            assertThat(cell.getAttribute("data-insured")).isEqualTo(dash(grids.getString("items[" + i + "].insuredWorkers")));
            assertThat(cell.getAttribute("data-insured-members")).isEqualTo(dash(grids.getString("items[" + i + "].insuredMembers")));
            String share = grids.getString("items[" + i + "].insuredCoverage");
            assertThat(cell.getAttribute("data-coverage")).isEqualTo(share == null ? "—" : new java.math.BigDecimal(share).setScale(2).toPlainString());
        }
        assertThat(cells.get("BS-GC-017").getAttribute("data-coverage")).isEqualTo("0.40");
        assertThat(cells.get("BS-GC-017").getTextContent()).contains("40 %").contains("12 / 30");
        String funnelSvg = given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/funnel.svg")
                .then().statusCode(200).extract().asString();
        Map<String, Element> stages = shapes(funnelSvg, "data-stage");
        // kept for the README (docs/pictures): the pictures of this test's town
        Files.createDirectories(Path.of("target/pictures"));
        Files.writeString(Path.of("target/pictures/coverage-grids.svg"), heat);
        Files.writeString(Path.of("target/pictures/coverage-funnel.svg"), funnelSvg);
        assertThat(stages.get("insured").getAttribute("data-value")).isEqualTo(funnel.getString("insuredWorkers"));
        assertThat(stages.get("members").getAttribute("data-value")).isEqualTo(funnel.getString("members"));
        assertThat(stages.get("active").getAttribute("data-value")).isEqualTo(funnel.getString("active"));

        // Partners and other scopes see none of it
        Actors.partner("si-bureau", "partner-social-insurance");
        given().get("/api/outreach/coverage/enterprises").then().statusCode(403);
        given().get("/api/outreach/coverage/grids.svg").then().statusCode(403);
        Actors.officer("officer.beijing", TestTree.create().town());
        given().queryParam("orgId", tree.townId()).get("/api/outreach/coverage/blind-spots").then().statusCode(403);
    }

    private static String dash(String value) {
        return value == null ? "—" : value;
    }

    /** The picture's shapes by the value of their identifying attribute (the SVG must be well-formed XML). */
    private static Map<String, Element> shapes(String svg, String attribute) throws Exception {
        NodeList groups = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("g");
        Map<String, Element> byKey = new java.util.HashMap<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute(attribute)) {
                byKey.put(g.getAttribute(attribute), g);
            }
        }
        return byKey;
    }
}
