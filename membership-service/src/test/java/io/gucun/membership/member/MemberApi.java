package io.gucun.membership.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;

import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls of the membership API shared by the API tests; who calls is set with {@link Actors}. */
final class MemberApi {

    static final String BASE = "/api/membership";

    record Org(long id, String path) {
    }

    /**
     * A small tree under the national union: province → city → district → town, with under the town an area joint
     * union, an industry joint union and two sibling enterprise unions.
     */
    record Tree(Org province, Org district, Org town, Org jointArea, Org jointIndustry, Org enterpriseA, Org enterpriseB) {
    }

    private MemberApi() {
    }

    static Tree tree() {
        Actors.admin();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Org province = org(1, "省总工会 " + tag, "PROVINCE");
        Org city = org(province.id(), "市总工会 " + tag, "CITY");
        Org district = org(city.id(), "宝山区总工会 " + tag, "DISTRICT");
        Org town = org(district.id(), "顾村镇总工会 " + tag, "TOWN");
        Org area = org(town.id(), "顾村园区联合工会 " + tag, "JOINT_AREA");
        Org industry = org(town.id(), "顾村快递行业联合工会 " + tag, "JOINT_INDUSTRY");
        Org a = org(area.id(), "甲企业工会 " + tag, "ENTERPRISE");
        Org b = org(area.id(), "乙企业工会 " + tag, "ENTERPRISE");
        return new Tree(province, district, town, area, industry, a, b);
    }

    static Org org(long parentId, String name, String kind) {
        var r = given().contentType(ContentType.JSON)
                .body(Map.of("parentId", parentId, "name", name, "kind", kind))
                .when().post(BASE + "/orgs").then().statusCode(201).extract();
        return new Org(((Number) r.path("id")).longValue(), r.path("path"));
    }

    static Map<String, Object> worker(String idNumber, String mobile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idNumber", idNumber);
        body.put("name", "王小明");
        body.put("mobile", mobile);
        body.put("occupation", "快递员");
        body.put("occupationCategory", "COURIER");
        body.put("employmentForm", "PLATFORM_GIG");
        return body;
    }

    static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(BASE + "/members").then();
    }

    /** As an officer covering {@code org}: registers a fresh worker and admits them there on the spot; returns the member id. */
    static long admitted(Org org, String officerScope) {
        Actors.officer("officer.onsite", officerScope);
        Map<String, Object> body = worker(TestIds.idNumber(), TestIds.mobile());
        body.put("orgId", org.id());
        return ((Number) register(body).statusCode(201).extract().path("member.id")).longValue();
    }

    static ValidatableResponse post(String path, Object body) {
        var spec = given().contentType(ContentType.JSON);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.when().post(BASE + path).then();
    }

    static ValidatableResponse get(String path) {
        return given().when().get(BASE + path).then();
    }

    static void closeOrg(long orgId, EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update union_org set status = 'CLOSED', closed_at = now(), closed_by = 'test' where id = :id")
                .setParameter("id", orgId).executeUpdate());
    }

    /**
     * The member's event of {@code type} carries the member's stored ID-number index and its key version, the hash
     * outreach matches insured workers by; returns the event's data.
     */
    static JsonNode carryingIdNumberIndex(long memberId, String type) throws Exception {
        JsonNode event = new ObjectMapper().readTree(memberEvents(memberId, type).stream()
                .filter(e -> ("io.gucun.membership." + type).equals(e.type())).findFirst().orElseThrow().value());
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select id_number_hash, id_number_hash_version from member where id = ?1").setParameter(1, memberId)
                .getSingleResult());
        assertThat(event.path("idNumberHash").asText()).as(type).isEqualTo(stored[0]).matches("[0-9a-f]{64}");
        assertThat(event.path("idNumberHashVersion").asInt()).as(type).isEqualTo(((Number) stored[1]).intValue());
        return event;
    }

    /** Events on {@code membership.member.v1} keyed by the member, once at least {@code types} have arrived. */
    static List<KafkaEvents.Received> memberEvents(long memberId, String... types) {
        String key = String.valueOf(memberId);
        List<KafkaEvents.Received> all = KafkaEvents.read(
                "membership.member.v1", Duration.ofSeconds(30), got -> {
                    for (String t : types) {
                        if (got.stream().noneMatch(e -> key.equals(e.key()) && ("io.gucun.membership." + t).equals(e.type()))) {
                            return false;
                        }
                    }
                    return true;
                });
        return all.stream().filter(e -> key.equals(e.key())).toList();
    }
}
