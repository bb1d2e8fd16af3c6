package io.gucun.membership.member;

import static io.gucun.membership.member.MemberApi.BASE;
import static io.gucun.membership.member.MemberApi.get;
import static io.gucun.membership.member.MemberApi.post;
import static io.gucun.membership.member.MemberApi.register;
import static io.gucun.membership.member.MemberApi.worker;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.Actors;
import io.gucun.testsupport.KafkaEvents;
import io.gucun.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class MemberRegistrationTest {

    @Inject
    EntityManager em;

    @Inject
    io.gucun.common.pii.PersonalDataCipher cipher;

    @Inject
    io.gucun.common.pii.BlindIndexes indexes;

    @AfterEach
    void nobody() {
        Actors.nobody();
    }

    @Test
    @TestSecurity(user = "worker.wang", roles = "member")
    @OidcSecurity(claims = @Claim(key = "sub", value = "wang-self-registers"))
    void aWorkerRegistersThemselfAndSeesOnlyMaskedDataOnAnyPath() {
        String id = TestIds.idNumber();
        String json = register(worker(id, "13800138000"))
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/membership/members/"))
                .body("member.idNumberMasked", equalTo(ResidentIdNumber.mask(id)))
                .body("member.mobileMasked", equalTo("138****8000"))
                .body("member.status", equalTo("REGISTERED"))
                .body("member.birthYear", equalTo(Integer.parseInt(id.substring(6, 10))))
                .body("member.regionCode", equalTo("110105"))
                .body("member.accountLinked", equalTo(true))
                .body("application", nullValue())
                .extract().asString();
        assertThat(json).doesNotContain(id).doesNotContain("13800138000").doesNotContain(id.substring(6, 14));
        long memberId = Long.parseLong(given().when().get(BASE + "/me").then().statusCode(200)
                .body("member.idNumberMasked", equalTo(ResidentIdNumber.mask(id)))
                .body("org", nullValue())
                .extract().path("member.id").toString());
        String read = get("/members/" + memberId).statusCode(200).extract().asString();
        assertThat(read).doesNotContain(id).doesNotContain("13800138000");

        // The same login cannot register a second person.
        register(worker(TestIds.idNumber(), TestIds.mobile()))
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:account-already-linked"))
                .body("memberId", equalTo((int) memberId));
    }

    @Test
    void theIdNumberAndMobileAreStoredEncryptedAndFoundByKeyedHash() {
        Actors.admin();
        String id = TestIds.idNumber();
        String mobile = TestIds.mobile();
        long memberId = ((Number) register(worker(id, mobile)).statusCode(201).extract().path("member.id")).longValue();

        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select id_number_cipher, id_number_hash, id_number_masked, mobile_cipher, mobile_hash, mobile_masked"
                        + " from member where id = :id").setParameter("id", memberId).getSingleResult());
        String wholeRow = String.join("|", java.util.Arrays.stream(row).map(String::valueOf).toList());
        assertThat(wholeRow).doesNotContain(id).doesNotContain(mobile).doesNotContain(id.substring(6, 14));
        assertThat((String) row[0]).startsWith("k1:");
        assertThat((String) row[1]).hasSize(64);
        assertThat(row[2]).isEqualTo(ResidentIdNumber.mask(id));
        assertThat((String) row[3]).startsWith("k1:");
        assertThat(row[5]).isEqualTo("138****" + mobile.substring(7));
        // Each under its own derived key, of the current version: the mobile's key is not the ID number's.
        assertThat(row[1]).isEqualTo(indexes.idNumber().hash(id));
        String e164 = MobileNumber.of(mobile).e164();
        assertThat(row[4]).isEqualTo(indexes.mobile().hash(e164)).isNotEqualTo(indexes.idNumber().hash(e164));
        Object[] versions = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select id_number_hash_version, mobile_hash_version from member where id = :id")
                .setParameter("id", memberId).getSingleResult());
        assertThat(((Number) versions[0]).intValue()).isEqualTo(indexes.idNumber().current().version()).isEqualTo(2);
        assertThat(((Number) versions[1]).intValue()).isEqualTo(2);

        // Lookup by number in the body; the number never appears in the URL or the answer.
        String found = post("/members/lookup", Map.of("idNumber", id.toLowerCase()))
                .statusCode(200).body("id", equalTo((int) memberId)).extract().asString();
        assertThat(found).doesNotContain(id);
        post("/members/lookup", Map.of("idNumber", TestIds.idNumber())).statusCode(404)
                .contentType("application/problem+json");
        post("/members/lookup", Map.of("idNumber", "123")).statusCode(400).body("errors.field", hasItem("idNumber"));
    }

    @Test
    void registeringTheSamePersonAgainIsAConflictNamingTheExistingMember() {
        Actors.admin();
        String id = TestIds.idNumber();
        long memberId = ((Number) register(worker(id, TestIds.mobile())).statusCode(201).extract().path("member.id")).longValue();

        String problem = register(worker(id.substring(0, 17) + id.substring(17).toLowerCase(), TestIds.mobile()))
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:duplicate-member"))
                .body("memberId", equalTo((int) memberId))
                .extract().asString();
        assertThat(problem).doesNotContain(id);
        assertThat(rowsWithMask(ResidentIdNumber.mask(id))).isEqualTo(1);
    }

    /**
     * Issue 20, item 6: the 409 names the existing member only to a caller who may see that member; a worker registering
     * herself or an officer of another subtree learns that the number is taken, not who holds it nor where.
     */
    @Test
    void aDuplicateNamesTheExistingMemberOnlyToCallersWhoMaySeeIt() {
        MemberApi.Tree tree = MemberApi.tree();
        String id = TestIds.idNumber();
        Actors.officer("officer.area", tree.jointArea().path());
        long memberId = ((Number) register(into(worker(id, TestIds.mobile()), tree.jointArea()))
                .statusCode(201).extract().path("member.id")).longValue();

        // who may see the member: the officer of its org, an officer above, an admin
        for (Runnable caller : List.<Runnable>of(() -> Actors.officer("officer.area", tree.jointArea().path()),
                () -> Actors.officer("officer.town", tree.town().path()), Actors::admin)) {
            caller.run();
            register(into(worker(id, TestIds.mobile()), tree.jointArea()))
                    .statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:gucun:problem:duplicate-member"))
                    .body("memberId", equalTo((int) memberId));
        }

        // an officer of a sibling subtree registering the person into his own org, and a worker registering herself
        Actors.officer("officer.industry", tree.jointIndustry().path());
        String sibling = register(into(worker(id, TestIds.mobile()), tree.jointIndustry()))
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:duplicate-member"))
                .body("memberId", nullValue()).body("orgId", nullValue())
                .extract().asString();
        assertThat(sibling).doesNotContain(tree.jointArea().path());
        Actors.member("self-registers-" + java.util.UUID.randomUUID());
        register(worker(id, TestIds.mobile()))
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:duplicate-member"))
                .body("memberId", nullValue()).body("orgId", nullValue());
        assertThat(rowsWithMask(ResidentIdNumber.mask(id))).isEqualTo(1);
    }

    private static Map<String, Object> into(Map<String, Object> body, MemberApi.Org org) {
        body.put("orgId", org.id());
        return body;
    }

    @Test
    void concurrentRegistrationsOfOnePersonMakeOneRowAndTheRestConflict() throws Exception {
        Actors.admin();
        String id = TestIds.idNumber();
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> register(worker(id, TestIds.mobile())).extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowsWithMask(ResidentIdNumber.mask(id))).isEqualTo(1);
        // Every loser was told which member exists.
        register(worker(id, TestIds.mobile())).statusCode(409).body("memberId", notNullValue());
    }

    @Test
    void aRegistrationThatLosesTheRaceAtTheUniqueConstraintIsTheSame409() throws Exception {
        Actors.admin();
        String id = TestIds.idNumber();
        String hash = indexes.idNumber().hash(id);
        java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        // Another registration of the same person is in flight: its row is inserted but not yet committed, so the
        // API's pre-check cannot see it and its own insert waits on the unique index until the other one commits.
        Future<?> other = Executors.newSingleThreadExecutor().submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into member (id_number_cipher, id_number_hash, id_number_masked, name, mobile_cipher,"
                            + " mobile_hash, mobile_masked, birth_year, region_code, employment_form, status, registered_at,"
                            + " registered_by, id_number_hash_version, mobile_hash_version) values (:c, :h, :m, '李四', :mc, :mh,"
                            + " '138****0000', 1990, '110105', 'STANDARD', 'REGISTERED', now(), 'race-test', :v, :v)")
                    .setParameter("c", cipher.encrypt(id)).setParameter("h", hash).setParameter("m", ResidentIdNumber.mask(id))
                    .setParameter("mc", cipher.encrypt("+8613800000000")).setParameter("mh", indexes.mobile().hash("+8613800000000"))
                    .setParameter("v", indexes.idNumber().current().version())
                    .executeUpdate();
            inserted.countDown();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(inserted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var raced = register(worker(id, TestIds.mobile())).extract();
        other.get();
        long existing = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from member where id_number_hash = :h").setParameter("h", hash).getSingleResult()).longValue());
        assertThat(raced.statusCode()).isEqualTo(409);
        assertThat(raced.contentType()).startsWith("application/problem+json");
        assertThat(((Number) raced.path("memberId")).longValue()).isEqualTo(existing);
        assertThat(rowsWithMask(ResidentIdNumber.mask(id))).isEqualTo(1);
    }

    private long rowsWithMask(String masked) {
        // The masked form is not unique, but with this test's distinct numbers it counts the one person's rows.
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from member where id_number_masked = :m").setParameter("m", masked).getSingleResult())
                .longValue());
    }

    @Test
    void badInputIsAProblemNamingEachFieldAndWritesNothing() {
        Actors.admin();
        String valid = TestIds.idNumber();
        long before = memberRows();

        expectInvalid(worker("11010519900307123", TestIds.mobile()), "idNumber", "must be 18 characters");
        expectInvalid(worker("1101051990030712AX", TestIds.mobile()), "idNumber", "must be 17 digits followed by a digit or X");
        expectInvalid(worker(TestIds.withWrongCheck(valid), TestIds.mobile()), "idNumber", "has a wrong check character");
        String feb30 = "11010519900230123";
        expectInvalid(worker(feb30 + ResidentIdNumber.checkCharacter(feb30), TestIds.mobile()), "idNumber",
                "has an invalid birth date");
        String unknownRegion = "99010519900307123";
        expectInvalid(worker(unknownRegion + ResidentIdNumber.checkCharacter(unknownRegion), TestIds.mobile()), "idNumber",
                "has an unknown region code");
        expectInvalid(worker(TestIds.idNumber(), "12345"), "mobile", null);
        expectInvalid(worker(TestIds.idNumber(), "010 6552 9988"), "mobile", "must be a mobile number");
        Map<String, Object> badEmployer = worker(TestIds.idNumber(), TestIds.mobile());
        badEmployer.put("employerCreditCode", "91310113MA1GL1234Y");
        expectInvalid(badEmployer, "employerCreditCode", null);
        Map<String, Object> noForm = worker(TestIds.idNumber(), TestIds.mobile());
        noForm.remove("employmentForm");
        expectInvalid(noForm, "employmentForm", null);
        Map<String, Object> badForm = worker(TestIds.idNumber(), TestIds.mobile());
        badForm.put("employmentForm", "ASTRONAUT");
        register(badForm).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("employmentForm"));

        // Several bad fields at once are all named; the wrong ID number is never echoed back.
        String body = register(Map.of("idNumber", TestIds.withWrongCheck(valid), "name", "", "mobile", "1",
                "employmentForm", "STANDARD"))
                .statusCode(400)
                .body("errors.field", hasItem("idNumber"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("mobile"))
                .extract().asString();
        assertThat(body).doesNotContain(valid.substring(0, 17));

        assertThat(memberRows()).isEqualTo(before);
    }

    private void expectInvalid(Map<String, Object> body, String field, String message) {
        var r = register(body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:gucun:problem:validation"))
                .body("errors.field", hasItem(field));
        if (message != null) {
            r.body("errors.message", hasItem(message));
        }
    }

    private long memberRows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from member")
                .getSingleResult()).longValue());
    }

    @Test
    void onlyAdminsReadTheFullIdentityWithAReasonAndEveryReadIsAudited() {
        Actors.admin();
        String id = TestIds.idNumber();
        String mobile = TestIds.mobile();
        long memberId = ((Number) register(worker(id, mobile)).statusCode(201).extract().path("member.id")).longValue();

        get("/members/" + memberId + "/identity").statusCode(400).body("errors.field", hasItem("reason"));
        given().queryParam("reason", "   ").when().get(BASE + "/members/" + memberId + "/identity")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        given().queryParam("reason", "x").when().get(BASE + "/members/999999999/identity").then().statusCode(404);

        int auditId = given().queryParam("reason", "核实劳动仲裁申请人身份")
                .when().get(BASE + "/members/" + memberId + "/identity")
                .then().statusCode(200)
                .body("idNumber", equalTo(id))
                .body("mobile", equalTo("+86" + mobile))
                .extract().path("auditId");

        given().queryParam("memberId", memberId).when().get(BASE + "/identity-audit")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(auditId))
                .body("items[0].memberId", equalTo((int) memberId))
                .body("items[0].accessedBy", equalTo("admin.li"))
                .body("items[0].subject", equalTo("admin-li-sub"))
                .body("items[0].reason", equalTo("核实劳动仲裁申请人身份"))
                .body("items[0].accessedAt", notNullValue());

        Actors.officer("officer.curious", "1");
        given().queryParam("reason", "好奇").when().get(BASE + "/members/" + memberId + "/identity")
                .then().statusCode(403).contentType("application/problem+json");
        get("/identity-audit").statusCode(403);
        Actors.admin();
        given().queryParam("memberId", memberId).when().get(BASE + "/identity-audit").then().body("total", equalTo(1));
    }

    @Test
    void memberRegisteredReachesKafkaWithoutTheIdNumberOrPhone() throws Exception {
        Actors.admin();
        String id = TestIds.idNumber();
        String mobile = TestIds.mobile();
        Map<String, Object> body = worker(id, mobile);
        body.put("employerCreditCode", TestIds.creditCode());
        long memberId = ((Number) register(body).statusCode(201).extract().path("member.id")).longValue();

        List<KafkaEvents.Received> events = MemberApi.memberEvents(memberId, "MemberRegistered");
        KafkaEvents.Received registered = events.stream()
                .filter(e -> "io.gucun.membership.MemberRegistered".equals(e.type())).findFirst().orElseThrow();
        assertThat(registered.subject()).isEqualTo(String.valueOf(memberId));
        var data = new ObjectMapper().readTree(registered.value());
        assertThat(data.get("memberId").asLong()).isEqualTo(memberId);
        assertThat(data.get("maskedIdNumber").asText()).isEqualTo(ResidentIdNumber.mask(id));
        assertThat(data.get("birthYear").asInt()).isEqualTo(Integer.parseInt(id.substring(6, 10)));
        assertThat(data.get("regionCode").asText()).isEqualTo("110105");
        assertThat(data.get("employmentForm").asText()).isEqualTo("PLATFORM_GIG");
        assertThat(data.get("occupationCategory").asText()).isEqualTo("COURIER");
        for (KafkaEvents.Received e : events) {
            assertThat(e.value()).doesNotContain(id).doesNotContain(mobile).doesNotContain(id.substring(6, 14));
        }
    }

    @Test
    void anOfficerMustAdmitTheWorkerTheyRegisterToAnOrgInScope() {
        var tree = MemberApi.tree();
        Actors.officer("officer.town", tree.town().path());
        register(worker(TestIds.idNumber(), TestIds.mobile())).statusCode(400).body("errors.field", hasItem("orgId"));
        Map<String, Object> elsewhere = worker(TestIds.idNumber(), TestIds.mobile());
        elsewhere.put("orgId", tree.jointArea().id());
        Actors.officer("officer.b", tree.enterpriseB().path());
        register(elsewhere).statusCode(403).contentType("application/problem+json");
        Map<String, Object> unknown = worker(TestIds.idNumber(), TestIds.mobile());
        unknown.put("orgId", 987654321);
        register(unknown).statusCode(400).body("errors.field", hasItem("orgId"));
    }

    @Test
    void employmentChangesKeepTheMembership() {
        var tree = MemberApi.tree();
        long memberId = MemberApi.admitted(tree.enterpriseA(), tree.enterpriseA().path());
        Actors.officer("officer.a", tree.enterpriseA().path());
        given().contentType(ContentType.JSON).body(Map.of("employmentForm", "RETIRED", "occupation", "退休"))
                .when().put(BASE + "/members/" + memberId + "/employment")
                .then().statusCode(200)
                .body("employmentForm", equalTo("RETIRED"))
                .body("status", equalTo("ACTIVE"))
                .body("orgId", equalTo((int) tree.enterpriseA().id()))
                .body("employerCreditCode", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("employmentForm", "UNEMPLOYED"))
                .when().put(BASE + "/members/" + memberId + "/employment")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().contentType(ContentType.JSON).body(Map.of("employmentForm", "STANDARD", "employerCreditCode", "bad"))
                .when().put(BASE + "/members/" + memberId + "/employment")
                .then().statusCode(400).body("errors.field", hasItem("employerCreditCode"));
        String code = TestIds.creditCode();
        given().contentType(ContentType.JSON).body(Map.of("employmentForm", "STANDARD", "employerCreditCode", code.toLowerCase()))
                .when().put(BASE + "/members/" + memberId + "/employment")
                .then().statusCode(200).body("employerCreditCode", equalTo(code));

        Actors.officer("officer.b", tree.enterpriseB().path());
        given().contentType(ContentType.JSON).body(Map.of("employmentForm", "STANDARD"))
                .when().put(BASE + "/members/" + memberId + "/employment")
                .then().statusCode(404);
    }

    @Test
    void anOfficerLinksAWorkersLoginSoTheyCanUseMe() {
        var tree = MemberApi.tree();
        long memberId = MemberApi.admitted(tree.jointIndustry(), tree.town().path());
        String subject = "linked-" + memberId;
        Actors.member(subject);
        get("/me").statusCode(404).contentType("application/problem+json");
        get("/members/" + memberId).statusCode(404);

        Actors.officer("officer.b", tree.enterpriseB().path());
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + memberId + "/account").then().statusCode(404);
        Actors.officer("officer.town", tree.town().path());
        given().contentType(ContentType.JSON).body(Map.of("subject", " "))
                .when().put(BASE + "/members/" + memberId + "/account").then().statusCode(400)
                .body("errors.field", hasItem("subject"));
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + memberId + "/account").then().statusCode(200)
                .body("accountLinked", equalTo(true));
        long other = MemberApi.admitted(tree.jointIndustry(), tree.town().path());
        Actors.officer("officer.town", tree.town().path());
        given().contentType(ContentType.JSON).body(Map.of("subject", subject))
                .when().put(BASE + "/members/" + other + "/account").then().statusCode(409);

        Actors.member(subject);
        get("/me").statusCode(200)
                .body("member.id", equalTo((int) memberId))
                .body("member.status", equalTo("ACTIVE"))
                .body("org.id", equalTo((int) tree.jointIndustry().id()))
                .body("org.kind", equalTo("JOINT_INDUSTRY"))
                .body("history.size()", equalTo(1))
                .body("history[0].startReason", equalTo("ON_SITE"));
        get("/members/" + memberId).statusCode(200);
        get("/members/" + other).statusCode(404).body("detail", not(org.hamcrest.Matchers.containsString("110105")));
    }
}
