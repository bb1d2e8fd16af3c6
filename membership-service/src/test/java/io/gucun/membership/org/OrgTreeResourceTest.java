package io.gucun.membership.org;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rename, move, close, subtree and children listings of the org tree, with their rules, scopes and events. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
@TestSecurity(user = "tester", roles = "officer", augmentors = ActingAs.class)
class OrgTreeResourceTest {

    private static final String ORGS = "/api/membership/orgs";

    @BeforeEach
    void asAdmin() {
        ActingAs.admin();
    }

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void renameMoveAndCloseRewriteTheTreeAndEmitEvents() throws Exception {
        long province = TestData.org(1, "省总工会", "PROVINCE").getLong("id");
        long city = TestData.org(province, "市总工会", "CITY").getLong("id");
        JsonPath district = TestData.org(city, "甲区总工会", "DISTRICT");
        JsonPath district2 = TestData.org(city, "乙区总工会", "DISTRICT");
        JsonPath town = TestData.org(district.getLong("id"), "顾村镇", "TOWN");
        long townId = town.getLong("id");
        JsonPath park = TestData.org("{\"parentId\":" + townId + ",\"name\":\"园区联合工会\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}");
        assertThat(park.getString("areaType")).isEqualTo("PARK");
        long parkId = park.getLong("id");

        // Rename with the ETag read from GET.
        String etag = given().when().get(ORGS + "/" + townId).then().statusCode(200).extract().header("ETag");
        assertThat(etag).isEqualTo("\"0\"");
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"name\":\"顾村镇总工会\"}")
                .when().post(ORGS + "/" + townId + "/rename")
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("顾村镇总工会")).body("version", equalTo(1));
        // The same stale tag again: 412; a stale body version: 409; neither: 428. Nothing changes.
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"name\":\"x\"}")
                .when().post(ORGS + "/" + townId + "/rename")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:precondition-failed")).body("currentVersion", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"version\":0}")
                .when().post(ORGS + "/" + townId + "/rename")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:stale-version")).body("errors.field", hasItem("version"));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .when().post(ORGS + "/" + townId + "/rename")
                .then().statusCode(428).contentType("application/problem+json").body("errors.field", hasItem("version"));
        given().contentType(ContentType.JSON).header("If-Match", "3").body("{\"name\":\"x\"}")
                .when().post(ORGS + "/" + townId + "/rename")
                .then().statusCode(400).body("errors.field", hasItem("If-Match"));
        given().contentType(ContentType.JSON).body("{\"name\":\" \",\"version\":1}")
                .when().post(ORGS + "/" + townId + "/rename")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().when().get(ORGS + "/" + townId).then().body("name", equalTo("顾村镇总工会")).body("version", equalTo(1));

        // Move the town (with its park) from one district to the other: every path below is rewritten.
        String oldTownPath = district.getString("path") + "." + townId;
        String newTownPath = district2.getString("path") + "." + townId;
        given().contentType(ContentType.JSON).body("{\"parentId\":" + district2.getLong("id") + ",\"version\":1}")
                .when().post(ORGS + "/" + townId + "/move")
                .then().statusCode(200).body("path", equalTo(newTownPath))
                .body("parentId", equalTo((int) district2.getLong("id"))).body("version", equalTo(2));
        given().when().get(ORGS + "/" + parkId).then().statusCode(200)
                .body("path", equalTo(newTownPath + "." + parkId)).body("parentId", equalTo((int) townId))
                .body("version", equalTo(1));
        given().when().get(ORGS + "/" + district.getLong("id") + "/subtree")
                .then().statusCode(200).body("total", equalTo(1));
        given().when().get(ORGS + "/" + district2.getLong("id") + "/subtree")
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.org.id", contains((int) district2.getLong("id"), (int) townId, (int) parkId));

        // Not under itself or its own descendant, and not where its kind cannot sit.
        given().contentType(ContentType.JSON).body("{\"parentId\":" + parkId + ",\"version\":0}")
                .when().post(ORGS + "/" + district2.getLong("id") + "/move")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("parentId"));
        given().contentType(ContentType.JSON).body("{\"parentId\":" + townId + ",\"version\":2}")
                .when().post(ORGS + "/" + townId + "/move")
                .then().statusCode(400).body("errors.field", hasItem("parentId"));
        long industry = TestData.org("{\"parentId\":" + district.getLong("id")
                + ",\"name\":\"快递行业联合会\",\"kind\":\"JOINT_INDUSTRY\",\"industry\":\"快递物流\"}").getLong("id");
        given().contentType(ContentType.JSON).body("{\"parentId\":" + industry + ",\"version\":2}")
                .when().post(ORGS + "/" + townId + "/move")
                .then().statusCode(400).body("errors.field", hasItem("parentId"))
                .body("detail", equalTo("parentId a TOWN cannot be placed under a JOINT_INDUSTRY"));
        given().contentType(ContentType.JSON).body("{\"parentId\":999999,\"version\":2}")
                .when().post(ORGS + "/" + townId + "/move")
                .then().statusCode(400).body("errors.field", hasItem("parentId"));
        given().when().get(ORGS + "/" + townId).then().body("path", equalTo(newTownPath)).body("version", equalTo(2));

        // Close: not with an active child; then the child, then the town; closed orgs take nothing new.
        given().contentType(ContentType.JSON).body("{\"version\":2}")
                .when().post(ORGS + "/" + townId + "/close")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:org-has-active-children")).body("activeChildren", equalTo(1));
        // The move rewrote the park's path, so its version moved on too.
        given().header("If-Match", "\"1\"").when().post(ORGS + "/" + parkId + "/close")
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("closedAt", notNullValue());
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":" + parkId + ",\"name\":\"新楼宇\",\"kind\":\"ENTERPRISE\"}")
                .when().post(ORGS)
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
        given().contentType(ContentType.JSON).body("{\"name\":\"改名\",\"version\":2}")
                .when().post(ORGS + "/" + parkId + "/rename")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
        given().contentType(ContentType.JSON).body("{\"version\":2}")
                .when().post(ORGS + "/" + townId + "/close")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        given().contentType(ContentType.JSON).body("{\"parentId\":" + townId + ",\"version\":0}")
                .when().post(ORGS + "/" + industry + "/move")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:org-closed"));
        given().when().get(ORGS + "/" + district2.getLong("id") + "/children?status=CLOSED")
                .then().statusCode(200).body("items.org.id", contains((int) townId));

        // The national root can be neither moved nor closed.
        given().contentType(ContentType.JSON).body("{\"version\":0}")
                .when().post(ORGS + "/1/close")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:root-org"));
        given().contentType(ContentType.JSON).body("{\"parentId\":" + province + ",\"version\":0}")
                .when().post(ORGS + "/1/move")
                .then().statusCode(422).body("type", equalTo("urn:gucun:problem:root-org"));

        // Every change reached Kafka, in order, on the org's key.
        String key = String.valueOf(townId);
        List<KafkaEvents.Received> events = KafkaEvents.read(
                "membership.org.v1", Duration.ofSeconds(30),
                got -> got.stream().filter(e -> key.equals(e.key())).count() >= 4);
        // At-least-once delivery: a relay retry may deliver an event twice, with the same id.
        List<KafkaEvents.Received> mine = events.stream().filter(e -> key.equals(e.key()))
                .filter(distinctIds()).toList();
        assertThat(mine).extracting(KafkaEvents.Received::type).containsExactly("io.gucun.membership.OrgCreated",
                "io.gucun.membership.OrgRenamed", "io.gucun.membership.OrgMoved", "io.gucun.membership.OrgClosed");
        ObjectMapper json = new ObjectMapper();
        JsonNode renamed = json.readTree(mine.get(1).value());
        assertThat(renamed.get("oldName").asText()).isEqualTo("顾村镇");
        assertThat(renamed.get("newName").asText()).isEqualTo("顾村镇总工会");
        JsonNode moved = json.readTree(mine.get(2).value());
        assertThat(moved.get("orgId").asLong()).isEqualTo(townId);
        assertThat(moved.get("oldPath").asText()).isEqualTo(oldTownPath);
        assertThat(moved.get("newPath").asText()).isEqualTo(newTownPath);
        assertThat(moved.get("subtreeSize").asLong()).isEqualTo(2);
        JsonNode closed = json.readTree(mine.get(3).value());
        assertThat(closed.get("path").asText()).isEqualTo(newTownPath);
    }

    @Test
    void subtreeAndChildrenCountEnterprisesAndFilterByKind() {
        JsonPath district = TestData.org(1, "宝山区总工会", "DISTRICT");
        long districtId = district.getLong("id");
        long town = TestData.org(districtId, "顾村镇总工会", "TOWN").getLong("id");
        long park = TestData.org("{\"parentId\":" + town + ",\"name\":\"园区联合工会\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}").getLong("id");
        long building = TestData.org("{\"parentId\":" + town + ",\"name\":\"楼宇联合工会\",\"kind\":\"JOINT_AREA\",\"areaType\":\"BUILDING\"}").getLong("id");
        TestData.enterprise(town, "甲公司", 30, "2020-01-01");
        long withUnion = TestData.enterprise(park, "乙公司", 80, "2019-01-01").getLong("id");
        TestData.enterprise(park, "丙公司", 5, null);
        given().when().post("/api/membership/enterprises/" + withUnion + "/union").then().statusCode(201);

        JsonPath all = given().when().get(ORGS + "/" + districtId + "/subtree")
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.getInt("total")).isEqualTo(5); // district, town, park, building, the enterprise union
        assertThat(all.getList("items.org.id", Long.class).getFirst()).isEqualTo(districtId);
        assertThat(all.getInt("items[0].counts.enterprises")).isEqualTo(3);
        assertThat(all.getInt("items[0].counts.enterprisesWithUnion")).isEqualTo(1);
        assertThat(all.getInt("items[0].counts.enterprisesWithoutUnion")).isEqualTo(2);
        assertThat(all.getInt("items[0].counts.members")).isZero();
        assertThat(all.getInt("items[0].counts.activeChildren")).isEqualTo(1);

        given().when().get(ORGS + "/" + districtId + "/subtree?kind=joint_area&size=1&page=1")
                .then().statusCode(200).body("total", equalTo(2)).body("size", equalTo(1)).body("page", equalTo(1))
                .body("items", org.hamcrest.Matchers.hasSize(1));
        JsonPath children = given().when().get(ORGS + "/" + town + "/children").then().statusCode(200).extract().jsonPath();
        assertThat(Set.copyOf(children.getList("items.org.id", Long.class))).containsExactlyInAnyOrder(park, building);
        int parkIndex = children.getList("items.org.id", Long.class).indexOf(park);
        assertThat(children.getInt("items[" + parkIndex + "].counts.enterprises")).isEqualTo(2);
        assertThat(children.getInt("items[" + parkIndex + "].counts.activeChildren")).isEqualTo(1);

        // Bad paging and filters are problems naming the parameter.
        given().when().get(ORGS + "/" + districtId + "/subtree?size=0").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
        given().when().get(ORGS + "/" + districtId + "/subtree?size=201").then().statusCode(400).body("errors.field", hasItem("size"));
        given().when().get(ORGS + "/" + districtId + "/children?page=-1").then().statusCode(400).body("errors.field", hasItem("page"));
        given().when().get(ORGS + "/" + districtId + "/children?page=x").then().statusCode(400).body("errors.field", hasItem("page"));
        given().when().get(ORGS + "/" + districtId + "/subtree?kind=GALAXY").then().statusCode(400).body("errors.field", hasItem("kind"));
        given().when().get(ORGS + "/999999/subtree").then().statusCode(404).contentType("application/problem+json");
        given().when().get(ORGS + "/999999/children").then().statusCode(404);
    }

    @Test
    void jointUnionDetailsBelongToTheirKind() {
        long town = TestData.org(1, "某镇", "TOWN").getLong("id");
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":" + town + ",\"name\":\"x\",\"kind\":\"ENTERPRISE\",\"areaType\":\"PARK\",\"industry\":\"餐饮\"}")
                .when().post(ORGS)
                .then().statusCode(400).body("errors.field", hasItem("areaType")).body("errors.field", hasItem("industry"));
        given().contentType(ContentType.JSON)
                .body("{\"parentId\":" + town + ",\"name\":\"x\",\"kind\":\"JOINT_AREA\",\"areaType\":\"MOON\"}")
                .when().post(ORGS)
                .then().statusCode(400).body("errors.field", hasItem("areaType"));
        JsonPath industry = TestData.org("{\"parentId\":" + town + ",\"name\":\"餐饮行业联合会\",\"kind\":\"JOINT_INDUSTRY\",\"industry\":\" 餐饮 \"}");
        assertThat(industry.getString("industry")).isEqualTo("餐饮");
        assertThat(industry.getString("areaType")).isNull();
    }

    @Test
    void anOfficerWorksOnlyInsideTheirSubtree() {
        long city = TestData.org(1, "某市总工会", "CITY").getLong("id");
        JsonPath a = TestData.org(city, "甲镇", "TOWN");
        JsonPath b = TestData.org(city, "乙镇", "TOWN");
        long aId = a.getLong("id");
        long bId = b.getLong("id");
        long aChild = TestData.org(aId, "甲镇社区联合工会", "JOINT_AREA").getLong("id");
        long bChild = TestData.org(bId, "乙镇社区联合工会", "JOINT_AREA").getLong("id");

        ActingAs.officer(a.getString("path"));
        // Reading the sibling's part of the tree: it does not exist for this officer.
        given().when().get(ORGS + "/" + bId).then().statusCode(404).contentType("application/problem+json");
        given().when().get(ORGS + "/" + bChild).then().statusCode(404);
        given().when().get(ORGS + "/" + bId + "/subtree").then().statusCode(404);
        given().when().get(ORGS + "/" + bId + "/children").then().statusCode(404);
        given().when().get(ORGS + "/" + city).then().statusCode(404);
        // Writing there: forbidden.
        given().contentType(ContentType.JSON).body("{\"name\":\"夺\",\"version\":0}")
                .when().post(ORGS + "/" + bChild + "/rename").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"version\":0}")
                .when().post(ORGS + "/" + bChild + "/close").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"parentId\":" + bId + ",\"version\":0}")
                .when().post(ORGS + "/" + aChild + "/move").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"parentId\":" + bId + ",\"name\":\"x\",\"kind\":\"JOINT_AREA\"}")
                .when().post(ORGS).then().statusCode(403);
        // Its own subtree is fine.
        given().when().get(ORGS + "/" + aId + "/subtree").then().statusCode(200).body("total", equalTo(2));
        given().contentType(ContentType.JSON).body("{\"name\":\"甲镇第一社区联合工会\",\"version\":0}")
                .when().post(ORGS + "/" + aChild + "/rename").then().statusCode(200);

        ActingAs.admin();
        given().when().get(ORGS + "/" + bChild).then().statusCode(200).body("name", equalTo("乙镇社区联合工会"));

        ActingAs.member(a.getString("path"));
        given().when().get(ORGS + "/" + aId).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"version\":1}")
                .when().post(ORGS + "/" + aChild + "/rename").then().statusCode(403);
    }

    @Test
    void unknownOrgsAreNotFound() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"version\":0}")
                .when().post(ORGS + "/999999/rename").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"parentId\":1,\"version\":0}")
                .when().post(ORGS + "/999999/move").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"version\":0}")
                .when().post(ORGS + "/999999/close").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentNamesEveryOperation() {
        JsonPath doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        String paths = doc.getString("paths.keySet()");
        assertThat(paths).contains("/api/membership/orgs/{id}/move", "/api/membership/orgs/{id}/subtree",
                "/api/membership/enterprises/{id}/union", "/api/membership/enterprises/by-credit-code/{creditCode}");
        List<String> ids = doc.getList("paths.values().collect { it.values() }.flatten().operationId", String.class);
        assertThat(ids).contains("createOrg", "getOrg", "renameOrg", "moveOrg", "closeOrg", "listOrgSubtree", "listOrgChildren",
                "registerEnterprise", "getEnterprise", "getEnterpriseByCreditCode", "listEnterprises", "foundEnterpriseUnion");
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(doc.getString("paths.'/api/membership/orgs/{id}/close'.post.responses.'428'.description")).isNotBlank();
    }

    private static java.util.function.Predicate<KafkaEvents.Received> distinctIds() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return e -> seen.add(e.id());
    }
}
