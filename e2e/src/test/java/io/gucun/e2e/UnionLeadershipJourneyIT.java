package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.Api.Response;
import io.gucun.infra.keycloak.KeycloakServer;
import io.gucun.infra.keycloak.Tokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 23 on the real stack: the members of a joint union elect its chair from the app with their own Keycloak logins
 * (quorum met, a second ballot refused), the chair enters the workforce register, the members assess the chair and dues
 * posts the part-time chair's allowance out of the town's fund; the staffing report shows the town short of social
 * workers.
 */
@ExtendWith(RealStack.class)
class UnionLeadershipJourneyIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long BAOSHAN_DISTRICT = 4;
    /** Members of the joint union with a login of their own; the first is elected chair. */
    private static final int MEMBERS = 5;

    private final Api api;
    private final String admin;

    UnionLeadershipJourneyIT(Api api) {
        this.api = api;
        this.admin = api.user("admin");
    }

    @Test
    void aJointUnionElectsItsChairWhomTheMembersAssessAndDuesPaysTheChairsAllowance() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long town = createOrg(BAOSHAN_DISTRICT, "镇总工会 " + run, "TOWN", "");
        long joint = createOrg(town, "园区联合工会 " + run, "JOINT_AREA", ",\"areaType\":\"PARK\"");

        // the members: registered and admitted by the union, each linked to a login of their own in the realm
        List<Long> members = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String username = "member." + run + "." + i;
            String token = memberLogin(username);
            Response registered = api.post(admin, "/api/membership/members", json("""
                    {"idNumber":"%s","name":"职工%d","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                     "employmentForm":"PLATFORM_GIG","orgId":%d}""", Ids.residentId(), i, Ids.mobile(), joint));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            long memberId = registered.json().at("/member/id").asLong();
            Response linked = api.put(admin, "/api/membership/members/" + memberId + "/account",
                    json("{\"subject\":\"%s\"}", Tokens.claims(token).get("sub")));
            assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
            members.add(memberId);
            tokens.add(token);
        }

        // the election of the chair: the members at the call form the roll, voting opens a moment later
        OffsetDateTime opens = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        Response called = api.post(admin, "/api/membership/elections", json("""
                {"orgId":%d,"office":"CHAIR","title":"园区联合工会主席选举 %s","opensAt":"%s","closesAt":"%s",
                 "candidateMemberIds":[%d,%d]}""", joint, run, opens, opens.plusSeconds(25), members.get(0), members.get(1)));
        assertThat(called.status()).as(called.toString()).isEqualTo(201);
        long election = called.json().get("id").asLong();
        assertThat(called.json().get("eligible").asInt()).isEqualTo(MEMBERS);
        long chairCandidate = candidateOf(called.json(), members.get(0));

        // four of five vote from the app, all for the first candidate; a second ballot is refused and changes nothing
        String ballot = json("{\"candidateIds\":[%d]}", chairCandidate);
        for (int i = 0; i < 4; i++) {
            String token = tokens.get(i);
            Response cast = api.await(() -> api.post(token, "/api/membership/me/elections/" + election + "/ballot", ballot),
                    r -> r.status() != 422, EVENTUALLY);
            assertThat(cast.status()).as(cast.toString()).isEqualTo(201);
            assertThat(cast.json().get("receipt").asText()).isNotBlank();
        }
        Response twice = api.post(tokens.get(1), "/api/membership/me/elections/" + election + "/ballot", ballot);
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().get("type").asText()).endsWith("already-voted");

        Response result = api.await(() -> api.post(admin, "/api/membership/elections/" + election + "/close", "{}"),
                r -> r.status() != 422, EVENTUALLY);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().get("quorumMet").asBoolean()).isTrue();
        assertThat(result.json().get("ballotsCast").asInt()).isEqualTo(4);
        assertThat(result.json().get("outcome").asText()).isEqualTo("ELECTED");
        assertThat(result.json().get("electedChairMemberId").asLong()).isEqualTo(members.get(0));

        // the chair is in the workforce register
        Response register = api.get(admin, "/api/membership/appointments?orgId=" + joint + "&post=CHAIR");
        assertThat(register.status()).as(register.toString()).isEqualTo(200);
        assertThat(register.json().at("/items/0/memberId").asLong()).as(register.toString()).isEqualTo(members.get(0));

        // dues: the town funds the chair allowance of its region (cash in, then allocated to the programme's fund)
        String period = YearMonth.now(SHANGHAI).toString();
        Response cash = api.await(() -> api.post(admin, "/api/dues/journal-entries", json("""
                {"period":"%s","description":"e2e opening cash","legs":[
                  {"orgId":%d,"purpose":"CASH","side":"D","amount":"3600.00"},
                  {"orgId":%d,"purpose":"COLLECTED_FUNDS","side":"C","amount":"3600.00"}]}""", period, town, town)),
                r -> r.status() != 400, EVENTUALLY);
        assertThat(cash.status()).as(cash.toString()).isEqualTo(201);
        Response fund = api.await(() -> api.post(admin, "/api/dues/budget-funds", json("""
                {"programme":"CHAIR_ALLOWANCE","payerOrgId":%d,"regionOrgId":%d}""", town, town)),
                r -> r.status() != 400, EVENTUALLY);
        assertThat(fund.status()).as(fund.toString()).isEqualTo(200);
        Response allocated = api.post(admin, "/api/dues/budget-funds/" + fund.json().get("id").asLong() + "/allocations",
                json("{\"amount\":\"3600.00\",\"reference\":\"%s\"}", UUID.randomUUID()));
        assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);

        // the members assess their chair (the stack runs on today's clock, so next year's assessment opens now);
        // the chair does not rate themself
        int year = java.time.LocalDate.now(SHANGHAI).getYear() + 1;
        OffsetDateTime rating = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        Response opened = api.post(admin, "/api/membership/assessments", json("""
                {"orgId":%d,"year":%d,"opensAt":"%s","closesAt":"%s","minRaters":3}""", joint, year, rating,
                rating.plusSeconds(20)));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().get("chairMemberId").asLong()).isEqualTo(members.get(0));
        long assessment = opened.json().get("id").asLong();
        Response own = api.await(() -> api.post(tokens.get(0), "/api/membership/me/assessments/" + assessment + "/rating",
                "{\"rating\":\"SATISFIED\"}"), r -> !r.body().contains("rating-not-open"), EVENTUALLY);
        assertThat(own.status()).as(own.toString()).isEqualTo(422);
        for (int i = 1; i < MEMBERS; i++) {
            Response rated = api.post(tokens.get(i), "/api/membership/me/assessments/" + assessment + "/rating",
                    json("{\"rating\":\"%s\"}", i == 4 ? "BASICALLY_SATISFIED" : "SATISFIED"));
            assertThat(rated.status()).as(rated.toString()).isEqualTo(204);
        }
        Response assessed = api.await(() -> api.post(admin, "/api/membership/assessments/" + assessment + "/close", "{}"),
                r -> r.status() != 422, EVENTUALLY);
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);
        assertThat(assessed.json().get("resultShown").asBoolean()).isTrue();
        assertThat(new BigDecimal(assessed.json().get("satisfactionPercent").asText())).isEqualByComparingTo("100");

        // dues: AssessmentClosed → the year's allowance in full (12 x 300 yuan) from the town's fund to the union
        Response report = api.await(() -> api.get(admin, "/api/dues/orgs/" + town + "/grant-report"),
                r -> r.status() == 200 && received(r.json(), joint).signum() > 0, EVENTUALLY);
        assertThat(received(report.json(), joint)).isEqualByComparingTo("3600.00");
        Response funds = api.get(admin, "/api/dues/budget-funds/" + fund.json().get("id").asLong());
        assertThat(funds.json().get("balance").asText()).isEqualTo("0.00");
        assertThat(funds.json().get("owed").asText()).isEqualTo("0.00");

        // the town has members and no professional social worker: short of the ratio
        Response staffing = api.get(admin, "/api/membership/staffing-report?orgId=" + town);
        assertThat(staffing.status()).as(staffing.toString()).isEqualTo(200);
        assertThat(staffing.json().at("/total/verdict").asText()).as(staffing.toString()).isEqualTo("SHORT");
        assertThat(staffing.json().at("/total/shortBy").asLong()).isPositive();
        assertThat(staffing.json().at("/total/workers").asLong()).isEqualTo(MEMBERS);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * A member's own login in the realm (role member), made through Keycloak's admin API as a member signing up to the
     * app would be; returns the login's access token from the app's client.
     */
    private String memberLogin(String username) {
        String kc = api.stack().keycloakUrl();
        String master = Tokens.password(kc + "/realms/master/protocol/openid-connect/token", "admin-cli",
                KeycloakServer.DEFAULT_ADMIN_USERNAME, KeycloakServer.DEFAULT_ADMIN_PASSWORD);
        Response created = api.sendTo(kc, "POST", "/admin/realms/union/users", master, "application/json", json("""
                {"username":"%s","enabled":true,"emailVerified":true,"firstName":"职工","lastName":"Member",
                 "email":"%s@gucun.example","requiredActions":[],
                 "credentials":[{"type":"password","value":"%s-dev","temporary":false}]}""",
                username, username, username), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        Response role = api.sendTo(kc, "GET", "/admin/realms/union/roles/member", master, null, null, Map.of());
        assertThat(role.status()).as(role.toString()).isEqualTo(200);
        Response granted = api.sendTo(kc, "POST", "/admin/realms/union/users/" + userId + "/role-mappings/realm", master,
                "application/json", "[" + role.body() + "]", Map.of());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
        return api.user(username);
    }

    private long createOrg(long parentId, String name, String kind, String extra) {
        Response r = api.post(admin, "/api/membership/orgs", json("{\"parentId\":%d,\"name\":\"%s\",\"kind\":\"%s\"%s}",
                parentId, name, kind, extra));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static long candidateOf(JsonNode election, long memberId) {
        for (JsonNode c : election.get("candidates")) {
            if (c.get("memberId").asLong() == memberId) {
                return c.get("candidateId").asLong();
            }
        }
        throw new AssertionError("member " + memberId + " is no candidate: " + election);
    }

    /** What the org received under CHAIR_ALLOWANCE, from a grant report. */
    private static BigDecimal received(JsonNode report, long orgId) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("orgId").asLong() == orgId && row.get("programme").asText().equals("CHAIR_ALLOWANCE")) {
                return new BigDecimal(row.get("received").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    private static String json(String template, Object... args) {
        return String.format(template, args);
    }
}
