package io.gucun.membership.enterprise;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.membership.ActingAs;
import io.gucun.membership.TestData;
import io.gucun.testsupport.KafkaEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering enterprises, finding them, outreach filters, founding their unions, with rules, scopes and events. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class EnterpriseResourceTest {

    private static final String ENTERPRISES = "/api/membership/enterprises";

    @BeforeEach
    void asAdmin() {
        ActingAs.admin();
    }

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void registerFindAndFoundAUnionWhoseEventsReachKafka() throws Exception {
        JsonPath town = TestData.org(TestData.org(1, "宝山区总工会", "DISTRICT").getLong("id"), "顾村镇总工会", "TOWN");
        long townId = town.getLong("id");
        String code = TestData.creditCode();

        int id = given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\" " + code.toLowerCase() + "\",\"name\":\"上海顾村精密机械有限公司\",\"address\":\"沪太路 5000 号\","
                        + "\"gridCode\":\"BS-GC-017\",\"employeeCount\":86,\"establishedOn\":\"2019-04-12\",\"orgId\":" + townId + "}")
                .when().post(ENTERPRISES)
                .then().statusCode(201)
                .header("Location", containsString(ENTERPRISES + "/"))
                .body("creditCode", equalTo(code))
                .body("orgPath", equalTo(town.getString("path")))
                .body("hasUnion", equalTo(false))
                .extract().path("id");

        given().when().get(ENTERPRISES + "/" + id).then().statusCode(200).body("name", equalTo("上海顾村精密机械有限公司"))
                .body("employeeCount", equalTo(86)).body("establishedOn", equalTo("2019-04-12")).body("gridCode", equalTo("BS-GC-017"));
        given().when().get(ENTERPRISES + "/by-credit-code/" + code.toLowerCase()).then().statusCode(200).body("id", equalTo(id));

        var response = given().when().post(ENTERPRISES + "/" + id + "/union")
                .then().statusCode(201)
                .body("unionOrg.kind", equalTo("ENTERPRISE"))
                .body("unionOrg.name", equalTo("上海顾村精密机械有限公司工会"))
                .body("unionOrg.parentId", equalTo((int) townId))
                .body("enterprise.hasUnion", equalTo(true))
                .extract();
        JsonPath founded = response.jsonPath();
        long unionOrgId = founded.getLong("unionOrg.id");
        assertThat(response.header("Location")).endsWith("/api/membership/orgs/" + unionOrgId);
        String unionPath = founded.getString("unionOrg.path");
        assertThat(unionPath).isEqualTo(town.getString("path") + "." + unionOrgId);
        assertThat(founded.getLong("enterprise.unionOrgId")).isEqualTo(unionOrgId);
        assertThat(founded.getString("enterprise.unionFoundedAt")).isNotBlank();

        // Founding twice points to the existing union and creates nothing.
        given().contentType(ContentType.JSON).body("{\"name\":\"第二个工会\"}")
                .when().post(ENTERPRISES + "/" + id + "/union")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:union-already-founded"))
                .body("unionOrgId", equalTo((int) unionOrgId))
                .body("unionOrgPath", equalTo(unionPath))
                .body("unionOrg", equalTo("/api/membership/orgs/" + unionOrgId));
        given().when().get("/api/membership/orgs/" + townId + "/children?kind=ENTERPRISE")
                .then().statusCode(200).body("total", equalTo(1));

        String key = String.valueOf(id);
        List<KafkaEvents.Received> events = KafkaEvents.read(
                "membership.enterprise.v1", Duration.ofSeconds(30),
                got -> got.stream().filter(e -> key.equals(e.key())).count() >= 2);
        // At-least-once delivery: a relay retry may deliver an event twice, with the same id.
        List<KafkaEvents.Received> mine = events.stream().filter(e -> key.equals(e.key()))
                .filter(distinctIds()).toList();
        assertThat(mine).extracting(KafkaEvents.Received::type)
                .containsExactly("io.gucun.membership.EnterpriseRegistered", "io.gucun.membership.UnionFounded");
        ObjectMapper json = new ObjectMapper();
        JsonNode registered = json.readTree(mine.get(0).value());
        assertThat(registered.get("creditCode").asText()).isEqualTo(code);
        assertThat(registered.get("orgId").asLong()).isEqualTo(townId);
        JsonNode union = json.readTree(mine.get(1).value());
        assertThat(union.get("enterpriseId").asLong()).isEqualTo(id);
        assertThat(union.get("creditCode").asText()).isEqualTo(code);
        assertThat(union.get("unionOrgId").asLong()).isEqualTo(unionOrgId);
        assertThat(union.get("orgPath").asText()).isEqualTo(unionPath);
        assertThat(union.get("foundedAt").asText()).isNotBlank();

        String orgKey = String.valueOf(unionOrgId);
        List<KafkaEvents.Received> orgEvents = KafkaEvents.read(
                "membership.org.v1", Duration.ofSeconds(30), got -> got.stream().anyMatch(e -> orgKey.equals(e.key())));
        assertThat(orgEvents.stream().filter(e -> orgKey.equals(e.key())).filter(distinctIds()).map(KafkaEvents.Received::type))
                .containsExactly("io.gucun.membership.OrgCreated");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        long town = TestData.org(1, "某镇", "TOWN").getLong("id");
        String good = TestData.creditCode();
        char wrongCheck = good.charAt(17) == '0' ? '1' : '0';
        for (String bad : List.of(good.substring(0, 17) + wrongCheck, good.substring(0, 17), good.substring(0, 16) + "IO")) {
            given().contentType(ContentType.JSON)
                    .body("{\"creditCode\":\"" + bad + "\",\"name\":\"x\",\"employeeCount\":1,\"orgId\":" + town + "}")
                    .when().post(ENTERPRISES)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:gucun:problem:validation"))
                    .body("errors.field", contains("creditCode"));
            given().when().get(ENTERPRISES + "/by-credit-code/" + bad).then().statusCode(400).body("errors.field", contains("creditCode"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + good + "\",\"name\":\"\",\"employeeCount\":-1,\"establishedOn\":\"2999-01-01\","
                        + "\"gridCode\":\"a b\",\"orgId\":" + town + "}")
                .when().post(ENTERPRISES)
                .then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("employeeCount"))
                .body("errors.field", hasItem("establishedOn")).body("errors.field", hasItem("gridCode"));
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + good + "\",\"name\":\"x\",\"employeeCount\":1,\"orgId\":999999}")
                .when().post(ENTERPRISES)
                .then().statusCode(400).body("errors.field", contains("orgId"));
        given().when().get(ENTERPRISES + "/by-credit-code/" + good).then().statusCode(404).contentType("application/problem+json");

        // Registered once; a second time (in any case) is a conflict naming the existing one.
        long id = given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + good + "\",\"name\":\"甲公司\",\"employeeCount\":30,\"establishedOn\":\"2020-05-01\",\"orgId\":" + town + "}")
                .when().post(ENTERPRISES).then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + good.toLowerCase() + "\",\"name\":\"y\",\"employeeCount\":1,\"orgId\":" + town + "}")
                .when().post(ENTERPRISES)
                .then().statusCode(409).body("type", equalTo("urn:gucun:problem:duplicate-enterprise"))
                .body("enterpriseId", equalTo((int) id));

        // Founding: a date before the enterprise existed is refused and leaves no union org behind.
        given().contentType(ContentType.JSON).body("{\"foundedAt\":\"2019-01-01T10:00:00+08:00\"}")
                .when().post(ENTERPRISES + "/" + id + "/union")
                .then().statusCode(400).body("errors.field", contains("foundedAt"));
        given().contentType(ContentType.JSON).body("{\"foundedAt\":\"yesterday\"}")
                .when().post(ENTERPRISES + "/" + id + "/union")
                .then().statusCode(400).body("errors.field", contains("foundedAt"));
        given().when().get("/api/membership/orgs/" + town + "/children").then().body("total", equalTo(0));
        given().when().get(ENTERPRISES + "/" + id).then().body("hasUnion", equalTo(false)).body("unionOrgId", equalTo(null));
        given().when().post(ENTERPRISES + "/999999/union").then().statusCode(404);
        given().when().get(ENTERPRISES + "/999999").then().statusCode(404);

        // An enterprise union holds no enterprises; a closed org takes none and founds none.
        long union = given().contentType(ContentType.JSON).body("{\"foundedAt\":\"2021-03-01T10:00:00+08:00\",\"name\":\"甲公司工会\"}")
                .when().post(ENTERPRISES + "/" + id + "/union")
                .then().statusCode(201).body("enterprise.unionFoundedAt", equalTo("2021-03-01T02:00:00Z"))
                .extract().jsonPath().getLong("unionOrg.id");
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + TestData.creditCode() + "\",\"name\":\"x\",\"employeeCount\":1,\"orgId\":" + union + "}")
                .when().post(ENTERPRISES)
                .then().statusCode(400).body("errors.field", contains("orgId"));
        long other = TestData.enterprise(town, "乙公司", 40, "2018-01-01").getLong("id");
        given().header("If-Match", "\"0\"").when().post("/api/membership/orgs/" + union + "/close").then().statusCode(200);
        given().header("If-Match", "\"0\"").when().post("/api/membership/orgs/" + town + "/close").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + TestData.creditCode() + "\",\"name\":\"x\",\"employeeCount\":1,\"orgId\":" + town + "}")
                .when().post(ENTERPRISES)
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
        given().when().post(ENTERPRISES + "/" + other + "/union")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
        // Its union closed, the first enterprise counts as having none again.
        given().when().get(ENTERPRISES + "/" + id).then().body("hasUnion", equalTo(false)).body("unionOrgId", equalTo((int) union));
    }

    @Test
    void outreachFiltersFindLargeOldEnterprisesWithoutAUnion() {
        long district = TestData.org(1, "某区", "DISTRICT").getLong("id");
        long town = TestData.org(district, "某街道", "TOWN").getLong("id");
        long park = TestData.org("{\"parentId\":" + town + ",\"name\":\"园区\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}").getLong("id");
        LocalDate today = LocalDate.now();
        long target = TestData.enterprise(park, "目标公司", 30, today.minusYears(2).toString()).getLong("id");
        long onTheDay = TestData.enterprise(town, "整一年公司", 25, today.minusYears(1).toString()).getLong("id");
        TestData.enterprise(park, "小公司", 10, "2015-01-01");
        TestData.enterprise(town, "新公司", 300, today.minusMonths(3).toString());
        TestData.enterprise(town, "未知成立日期", 300, null);
        long unionized = TestData.enterprise(park, "已建会公司", 100, "2010-01-01").getLong("id");
        given().when().post(ENTERPRISES + "/" + unionized + "/union").then().statusCode(201);

        String before = EnterpriseRules.establishedAtLeastOneYearBefore(today).toString();
        given().when().get(ENTERPRISES + "?under=" + district + "&hasUnion=false&minEmployees=25&establishedBefore=" + before)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.id", contains((int) target, (int) onTheDay));
        given().when().get(ENTERPRISES + "?under=" + park + "&hasUnion=true")
                .then().statusCode(200).body("items.id", contains((int) unionized));
        given().when().get(ENTERPRISES + "?under=" + district + "&size=2&page=2")
                .then().statusCode(200).body("total", equalTo(6)).body("items.size()", equalTo(2));

        given().when().get(ENTERPRISES + "?under=" + district + "&hasUnion=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("hasUnion"));
        given().when().get(ENTERPRISES + "?under=" + district + "&minEmployees=-1").then().statusCode(400).body("errors.field", contains("minEmployees"));
        given().when().get(ENTERPRISES + "?under=" + district + "&minEmployees=many").then().statusCode(400).body("errors.field", contains("minEmployees"));
        given().when().get(ENTERPRISES + "?under=" + district + "&establishedBefore=2020-13-01").then().statusCode(400)
                .body("errors.field", contains("establishedBefore"));
        given().when().get(ENTERPRISES + "?under=" + district + "&size=500").then().statusCode(400).body("errors.field", contains("size"));
        given().when().get(ENTERPRISES + "?under=abc").then().statusCode(400).body("errors.field", contains("under"));
        given().when().get(ENTERPRISES + "?under=999999").then().statusCode(404);
    }

    @Test
    void anOfficerSeesAndManagesOnlyTheEnterprisesOfTheirSubtree() {
        long city = TestData.org(1, "某市", "CITY").getLong("id");
        JsonPath a = TestData.org(city, "甲镇", "TOWN");
        JsonPath b = TestData.org(city, "乙镇", "TOWN");
        long mine = TestData.enterprise(a.getLong("id"), "甲镇公司", 50, "2015-01-01").getLong("id");
        JsonPath theirs = TestData.enterprise(b.getLong("id"), "乙镇公司", 50, "2015-01-01");
        long theirsId = theirs.getLong("id");
        String theirCode = theirs.getString("creditCode");

        ActingAs.officer(a.getString("path"));
        given().when().get(ENTERPRISES + "/" + theirsId).then().statusCode(404).contentType("application/problem+json");
        given().when().get(ENTERPRISES + "/by-credit-code/" + theirCode).then().statusCode(404);
        given().when().get(ENTERPRISES + "?under=" + b.getLong("id")).then().statusCode(404);
        given().when().get(ENTERPRISES).then().statusCode(200).body("total", equalTo(1)).body("items.id", contains((int) mine));
        given().when().post(ENTERPRISES + "/" + theirsId + "/union").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + TestData.creditCode() + "\",\"name\":\"x\",\"employeeCount\":1,\"orgId\":" + b.getLong("id") + "}")
                .when().post(ENTERPRISES).then().statusCode(403);
        // A duplicate of an enterprise the officer may not read does not reveal its id.
        given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + theirCode + "\",\"name\":\"x\",\"employeeCount\":1,\"orgId\":" + a.getLong("id") + "}")
                .when().post(ENTERPRISES).then().statusCode(409).body("$", not(org.hamcrest.Matchers.hasKey("enterpriseId")));
        // Inside their own scope an officer registers and founds.
        given().when().post(ENTERPRISES + "/" + mine + "/union").then().statusCode(201);

        ActingAs.member(a.getString("path"));
        given().when().get(ENTERPRISES + "/" + mine).then().statusCode(403);
        given().when().post(ENTERPRISES + "/" + mine + "/union").then().statusCode(403);
    }

    private static java.util.function.Predicate<KafkaEvents.Received> distinctIds() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return e -> seen.add(e.id());
    }
}
