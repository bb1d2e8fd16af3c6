package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.post;
import static io.gucun.membership.member.MemberApi.register;
import static io.gucun.membership.member.MemberApi.worker;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rotation of the internal index key (tests run with version 2 current and version 1 previous): rows written under
 * version 1 are still found, the re-hash job moves every row to version 2 while the API keeps working, and the rows
 * are found after it under the new key only.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class HashKeyRotationTest {

    private static final String REHASH = BASE + "/admin/hash-keys/rehash";

    @Inject
    EntityManager em;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    BlindIndexes indexes;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    void rowsOfThePreviousVersionAreFoundAndTheJobMovesAllRowsToTheCurrentOne() throws Exception {
        assertThat(indexes.idNumber().current().version()).isEqualTo(2);
        // Written as before the rotation: hashes under version 1.
        List<String> idNumbers = new ArrayList<>();
        List<String> mobiles = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idNumbers.add(TestIds.idNumber());
            mobiles.add(MobileNumber.of(TestIds.mobile()).e164());
            ids.add(insertUnderVersion1(idNumbers.get(i), mobiles.get(i)));
        }
        String v1 = indexes.idNumber().version(1).hash(idNumbers.getFirst());
        assertThat(v1).isNotEqualTo(indexes.idNumber().hash(idNumbers.getFirst()));

        // During the rotation: found by look-up, and a second registration of the person is still a duplicate.
        Actors.admin();
        post("/members/lookup", Map.of("idNumber", idNumbers.getFirst())).statusCode(200).body("id", equalTo(ids.getFirst().intValue()));
        register(worker(idNumbers.get(1), TestIds.mobile())).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:duplicate-member")).body("memberId", equalTo(ids.get(1).intValue()));

        JsonPath started = given().when().post(REHASH).then().statusCode(202).body("currentVersion", equalTo(2))
                .body("previousVersions", equalTo(List.of(1))).extract().jsonPath();
        assertThat(started.getLong("members")).isGreaterThanOrEqualTo(5);
        JsonPath done = awaitDone();
        assertThat(done.getLong("remaining")).isZero();
        assertThat(done.getList("conflictingMembers")).isEmpty();
        assertThat(done.getList("unreadableMembers")).isEmpty();
        assertThat(done.getString("error")).isNull();
        assertThat(done.getLong("rehashed")).isGreaterThanOrEqualTo(5);

        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                    "select id_number_hash, id_number_hash_version, mobile_hash, mobile_hash_version from member where id = ?1")
                    .setParameter(1, id).getSingleResult());
            assertThat(row[0]).isEqualTo(indexes.idNumber().hash(idNumbers.get(i)));
            assertThat(((Number) row[1]).intValue()).isEqualTo(2);
            assertThat(row[2]).isEqualTo(indexes.mobile().hash(mobiles.get(i)));
            assertThat(((Number) row[3]).intValue()).isEqualTo(2);
        }
        long behind = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from member where id_number_hash_version <> 2 or mobile_hash_version <> 2").getSingleResult())
                .longValue());
        assertThat(behind).as("every row on the new version").isZero();
        post("/members/lookup", Map.of("idNumber", idNumbers.getLast())).statusCode(200).body("id", equalTo(ids.getLast().intValue()));
        // Each moved member's new hash is published, so outreach keeps matching insured workers
        assertThat(done.getLong("published")).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < ids.size(); i++) {
            JsonNode indexed = MemberApi.carryingIdNumberIndex(ids.get(i), "MemberIdNumberIndexed");
            assertThat(indexed.get("idNumberHash").asText()).isEqualTo(indexes.idNumber().hash(idNumbers.get(i)));
            assertThat(indexed.get("idNumberHashVersion").asInt()).isEqualTo(2);
            assertThat(indexed.toString()).doesNotContain(idNumbers.get(i));
        }
        // A second run finds nothing to do, and publishes nothing.
        given().when().post(REHASH).then().statusCode(202);
        JsonPath again = awaitDone();
        assertThat(again.getLong("rehashed")).isZero();
        assertThat(again.getLong("published")).isZero();
    }

    @Test
    void publishAllPublishesTheHashOfMembersAlreadyOnTheCurrentVersion() throws Exception {
        Actors.admin();
        String idNumber = TestIds.idNumber();
        long current = ((Number) register(worker(idNumber, TestIds.mobile())).statusCode(201).extract().path("member.id"))
                .longValue();
        awaitDone();
        given().queryParam("publishAll", true).when().post(REHASH).then().statusCode(202);
        JsonPath done = awaitDone();
        assertThat(done.getBoolean("publishingAll")).isTrue();
        assertThat(done.getLong("published")).as("every member walked, moved or not").isPositive();
        JsonNode indexed = MemberApi.carryingIdNumberIndex(current, "MemberIdNumberIndexed");
        assertThat(indexed.get("idNumberHash").asText()).isEqualTo(indexes.idNumber().hash(idNumber));
        Actors.officer("officer.keys", "1");
        given().queryParam("publishAll", true).when().post(REHASH).then().statusCode(403);
    }

    @Test
    void aPartnersKeyIsHandedOutOnlyForKnownPartnersAndPlannedVersions() {
        Actors.admin();
        given().when().get(BASE + "/admin/matching-keys/social-insurance?version=2").then().statusCode(200)
                .body("version", equalTo(2)).body("currentVersion", equalTo(1));
        given().when().get(BASE + "/admin/matching-keys/social-insurance?version=3").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("version"));
        given().when().get(BASE + "/admin/matching-keys/nobody").then().statusCode(404).contentType("application/problem+json");
        String si = given().when().get(BASE + "/admin/matching-keys/social-insurance").then().statusCode(200).extract().path("key");
        String tax = given().when().get(BASE + "/admin/matching-keys/tax").then().statusCode(200).extract().path("key");
        assertThat(si).isNotEqualTo(tax);
        Actors.officer("officer.keys", "1");
        given().when().get(BASE + "/admin/matching-keys/social-insurance").then().statusCode(403);
        given().when().post(REHASH).then().statusCode(403);
    }

    private JsonPath awaitDone() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath p = given().when().get(REHASH).then().statusCode(200).extract().jsonPath();
            if (!p.getBoolean("running")) {
                return p;
            }
            assertThat(System.currentTimeMillis()).as("the re-hash job ends").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long insertUnderVersion1(String idNumber, String e164) {
        String id = ResidentIdNumber.of(idNumber).value();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "insert into member (id_number_cipher, id_number_hash, id_number_masked, name, mobile_cipher, mobile_hash,"
                                + " mobile_masked, birth_year, region_code, employment_form, status, registered_at, registered_by,"
                                + " id_number_hash_version, mobile_hash_version) values (?1, ?2, ?3, '王小明', ?4, ?5, '138****0000',"
                                + " 1990, '110105', 'STANDARD', 'REGISTERED', now(), 'rotation-test', 1, 1) returning id")
                .setParameter(1, cipher.encrypt(id)).setParameter(2, indexes.idNumber().version(1).hash(id))
                .setParameter(3, ResidentIdNumber.mask(id)).setParameter(4, cipher.encrypt(e164))
                .setParameter(5, indexes.mobile().version(1).hash(e164)).getSingleResult()).longValue());
    }
}
