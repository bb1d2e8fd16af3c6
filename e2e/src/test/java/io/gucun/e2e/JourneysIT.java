package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.Api.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The main journeys, as users make them, on the real stack: Keycloak tokens, every service behind the gateway, effects
 * that travel through Kafka between services. Each journey makes its own orgs and people, so they run in any order.
 */
@ExtendWith(RealStack.class)
class JourneysIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long GUCUN_TOWN = 5;
    private static final long BAOSHAN_DISTRICT = 4;
    private static final long SHANGHAI_PROVINCE = 3;

    private final Api api;
    private final String officer;
    private final String admin;
    private final String auditor;

    JourneysIT(Api api) {
        this.api = api;
        this.officer = api.user("officer.gucun");
        this.admin = api.user("admin");
        this.auditor = api.user("auditor");
    }

    @Test
    void aWorkerSignedUpAtAStallBecomesAMemberWithACardAndEarnsTheRecruitmentSubsidy() {
        long joint = createOrg(officer, GUCUN_TOWN, "园区联合工会", "JOINT_AREA", ",\"areaType\":\"PARK\"");
        String creditCode = Ids.creditCode();
        registerEnterprise(creditCode, joint);

        // dues: the district and the town fund the recruitment subsidy of their region (cash in, then allocated to a
        // fund); grants beyond a fund are owed, and what other journeys left owed is paid first, so the fund is ample
        String today = YearMonth.now(SHANGHAI).toString();
        for (long payer : new long[] {BAOSHAN_DISTRICT, GUCUN_TOWN}) {
            Response cash = api.await(() -> api.post(admin, "/api/dues/journal-entries", json("""
                    {"period":"%s","description":"e2e opening cash","legs":[
                      {"orgId":%d,"purpose":"CASH","side":"D","amount":"1000000.00"},
                      {"orgId":%d,"purpose":"COLLECTED_FUNDS","side":"C","amount":"1000000.00"}]}""", today, payer, payer)),
                    r -> r.status() != 400, EVENTUALLY);
            // above the manual-entry threshold: posted once a second admin approves it (maker-checker)
            assertThat(cash.status()).as(cash.toString()).isEqualTo(202);
            Response approved = api.post(auditor, "/api/dues/approvals/" + cash.json().get("approvalId").asLong() + "/approval",
                    "{\"note\":\"e2e opening cash checked\"}");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            Response fund = api.post(admin, "/api/dues/budget-funds", json("""
                    {"programme":"RECRUITMENT_SUBSIDY","payerOrgId":%d,"regionOrgId":%d}""", payer, payer));
            assertThat(fund.status()).as(fund.toString()).isEqualTo(200);
            Response allocated = api.post(admin, "/api/dues/budget-funds/" + fund.json().get("id").asLong() + "/allocations",
                    json("""
                    {"amount":"1000000.00","reference":"%s"}""", UUID.randomUUID()));
            assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
        }

        long eventId = eveningMeeting("智慧湾", joint);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);

        // the stall's tablet uploads its batch; uploading it again after a lost answer changes nothing
        String batch = json("""
                {"signUps":[{"id":"%s","idNumber":"%s","name":"李华","mobile":"%s","employerCreditCode":"%s",
                  "employmentForm":"STANDARD","signedUpAt":"%s"}]}""",
                UUID.randomUUID(), Ids.residentId(), Ids.mobile(), creditCode, local(tomorrow, 19, 12));
        Response first = api.post(officer, "/api/outreach/events/" + eventId + "/sign-ups", batch);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode signUp = first.json().get(0);
        assertThat(signUp.get("outcome").asText()).isEqualTo("CREATED");
        assertThat(signUp.at("/signUp/status").asText()).as(first.toString()).isEqualTo("REGISTERED");
        long memberId = signUp.at("/signUp/memberId").asLong();
        Response again = api.post(officer, "/api/outreach/events/" + eventId + "/sign-ups", batch);
        assertThat(again.json().get(0).get("outcome").asText()).isEqualTo("REPLAYED");
        assertThat(again.json().get(0).at("/signUp/memberId").asLong()).isEqualTo(memberId);

        // membership: admitted on the spot to the joint union (the employer has no union), a card issued
        JsonNode member = api.get(officer, "/api/membership/members/" + memberId).json();
        assertThat(member.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(member.get("orgId").asLong()).isEqualTo(joint);
        assertThat(member.get("idNumberMasked").asText()).contains("********");
        JsonNode cards = api.get(officer, "/api/membership/members/" + memberId + "/cards").json();
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("status").asText()).isEqualTo("ISSUED");

        // dues: MemberJoined → the district and the town each pay the subsidy into the joint union's accounts
        String period = YearMonth.now(SHANGHAI).toString();
        Response balances = api.await(() -> api.get(officer, "/api/dues/orgs/" + joint + "/balances?period=" + period),
                r -> r.status() == 200 && !balance(r.json(), joint, "SUBSIDIES").equals(BigDecimal.ZERO), EVENTUALLY);
        assertThat(balance(balances.json(), joint, "SUBSIDIES")).isEqualByComparingTo("60.00");
        assertThat(balance(balances.json(), joint, "CASH")).isEqualByComparingTo("60.00");

        // outreach: the member's approval reaches the event's figures
        api.await(() -> api.get(officer, "/api/outreach/results/events/" + eventId),
                r -> r.status() == 200 && r.json().at("/figures/approvedMembers").asInt() == 1, EVENTUALLY);
    }

    @Test
    void aTaxUploadSentTwicePostsOnceAndTheRebateSendsTheGrassrootsShareDown() {
        // a town of its own, so the collecting org's figures are this journey's alone
        long town = createOrg(admin, BAOSHAN_DISTRICT, "镇总工会", "TOWN", "");
        String creditCode = Ids.creditCode();
        long enterpriseId = registerEnterprise(creditCode, town);
        Response founded = api.post(admin, "/api/membership/enterprises/" + enterpriseId + "/union", "{}");
        assertThat(founded.status()).as(founded.toString()).isEqualTo(201);
        long union = founded.json().at("/unionOrg/id").asLong();

        String period = "2026-10";
        String csv = "creditCode,period,payrollBase,amount,partnerReference\n"
                + creditCode + "," + period + ",300000.00,,SH-TAX-" + unique() + "\n";
        String tax = api.partner("partner-tax");
        // an import answers 202 with a job; the finished job counts the records, the import holds each one's result
        Response job = api.job(tax, "/api/dues/collection-imports", "text/csv", csv);
        assertThat(Api.succeeded(job)).as(job.toString()).isTrue();
        assertThat(job.json().at("/result/posted").asInt()).as(job.toString()).isEqualTo(1);
        Response upload = api.get(tax, "/api/dues/collection-imports/" + job.json().get("importId").asLong());
        assertThat(upload.json().at("/results/0/amount").asText()).as(upload.toString()).isEqualTo("6000.00");
        // dues learns the enterprise from membership's events; a record that comes first waits in suspense and
        // follows the registration to the town (issue 22)
        api.await(() -> api.get(admin, "/api/dues/orgs/" + town + "/collections?period=" + period),
                r -> r.status() == 200 && r.json().at("/items/0/collectingOrgId").asLong() == town, EVENTUALLY);
        Response replay = api.job(tax, "/api/dues/collection-imports", "text/csv", csv);
        assertThat(replay.json().at("/result/posted").asInt()).as(replay.toString()).isZero();
        assertThat(replay.json().at("/result/duplicates").asInt()).isEqualTo(1);

        // the preview names the policy; once dues knows the enterprise has a union, the share goes to it
        Response preview = api.await(() -> api.get(admin, "/api/dues/orgs/" + town + "/rebate-preview?period=" + period),
                r -> r.status() == 200 && r.json().at("/lines/items/0/grassrootsOrgId").asLong() == union, EVENTUALLY);
        BigDecimal grassroots = new BigDecimal(preview.json().get("grassroots").asText());
        BigDecimal upper = new BigDecimal(preview.json().get("upper").asText());
        assertThat(grassroots.add(upper)).isEqualByComparingTo("6000.00");
        assertThat(grassroots).isPositive();

        // a rebate run answers 202 with a job too; its result is the run
        Response run = api.job(admin, "/api/dues/orgs/" + town + "/rebate-runs", "application/json",
                json("{\"period\":\"%s\"}", period));
        assertThat(Api.succeeded(run)).as(run.toString()).isTrue();
        assertThat(new BigDecimal(run.json().at("/result/grassroots").asText())).isEqualByComparingTo(grassroots);
        Response rerun = api.job(admin, "/api/dues/orgs/" + town + "/rebate-runs", "application/json",
                json("{\"period\":\"%s\"}", period));
        assertThat(rerun.json().at("/result/collections").asInt()).as(rerun.toString()).isZero();

        JsonNode townBalances = api.get(admin, "/api/dues/orgs/" + town + "/balances?period=" + period + "&size=100").json();
        // the upper share divides among the levels above (issue 21): the town keeps the parts naming it
        BigDecimal townShare = BigDecimal.ZERO;
        for (JsonNode share : preview.json().at("/lines/items/0/shares")) {
            if (share.get("level").asText().equals("GRASSROOTS") || share.get("orgId").asLong() != town) {
                continue;
            }
            townShare = townShare.add(new BigDecimal(share.get("amount").asText()));
        }
        assertThat(balance(townBalances, town, "UPPER_SHARE")).isEqualByComparingTo(townShare);
        assertThat(balance(townBalances, union, "GRASSROOTS_SHARE")).isEqualByComparingTo(grassroots);
        JsonNode trial = api.get(admin, "/api/dues/trial-balance?period=" + period).json();
        assertThat(trial.get("balanced").asBoolean()).as("the ledger balances: " + trial).isTrue();
    }

    @Test
    void aFirmOnlyThePartnersKnowBecomesATargetItsMoneyWaitsInSuspenseAndFollowsItsRegistration() {
        // a park of its own, where the firms of a registration division of their own are placed (issue 22)
        long joint = createOrg(officer, GUCUN_TOWN, "盲区园区联合工会", "JOINT_AREA", ",\"areaType\":\"PARK\"");
        String division = String.format("8%05d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000));
        Response placed = api.await(() -> api.put(admin, "/api/outreach/coverage/divisions/" + division,
                json("{\"orgId\":%d}", joint)), r -> r.status() == 200, EVENTUALLY);
        assertThat(placed.json().get("orgId").asLong()).isEqualTo(joint);
        String blind = Ids.creditCodeIn(division);

        // social insurance names twelve insured workers there since 2021, the tax bureau a headcount of 40
        List<String> workers = new ArrayList<>();
        StringBuilder insured = new StringBuilder("person_id,employer_uscc,insured_since,status\n");
        for (int i = 0; i < 12; i++) {
            workers.add(Ids.residentId());
            insured.append(workers.get(i)).append(',').append(blind).append(",2021-01-01,ACTIVE\n");
        }
        String lastMonth = YearMonth.now(SHANGHAI).minusMonths(1).toString();
        partnerFile("social-insurance", "partner-social-insurance", insured.toString());
        partnerFile("tax", "partner-tax", "enterprise_uscc,headcount,payroll,period\n" + blind + ",40,400000.00," + lastMonth + "\n");

        // the union does not know the firm, yet it is among the park's founding targets, each number with its source
        JsonNode target = find(api.get(officer, "/api/outreach/coverage/targets?orgId=" + joint + "&size=200").json(), blind);
        assertThat(target.get("registered").asBoolean()).isFalse();
        assertThat(target.get("placedBy").asText()).isEqualTo("DIVISION");
        assertThat(target.get("employees").asInt()).isEqualTo(40);
        assertThat(target.at("/employeesEvidence/source").asText()).isEqualTo("TAX");
        assertThat(target.at("/employeesEvidence/period").asText()).isEqualTo(lastMonth);
        assertThat(target.get("insuredWorkers").asInt()).isEqualTo(12);
        assertThat(target.at("/inBusinessSince/source").asText()).isEqualTo("SOCIAL_INSURANCE");

        // the tax bureau collects its union fund: held in suspense instead of refused, and a lead for the park
        String ref = "SH-TAX-BLIND-" + unique();
        Response collected = api.post(api.partner("partner-tax"), "/api/dues/collections", json("""
                {"creditCode":"%s","period":"%s","payrollBase":"400000.00","partnerReference":"%s"}""", blind, lastMonth, ref));
        assertThat(collected.status()).as(collected.toString()).isEqualTo(201);
        assertThat(collected.json().at("/results/0/status").asText()).isEqualTo("SUSPENDED");
        long collectionId = collected.json().at("/results/0/collectionId").asLong();
        assertThat(ids(api.get(admin, "/api/dues/suspense?orgId=1&size=200").json(), "id")).contains(String.valueOf(collectionId));
        Response lead = api.await(() -> api.get(officer, "/api/outreach/leads?orgId=" + joint),
                r -> r.status() == 200 && ids(r.json(), "creditCode").contains(blind), EVENTUALLY);
        JsonNode theLead = find(lead.json(), blind);
        assertThat(theLead.get("source").asText()).isEqualTo("SUSPENSE");
        assertThat(theLead.get("suspendedAmount").asText()).isEqualTo("8000.00");

        // one insured worker signs up at the park's evening meeting: the firm's coverage moves
        JsonNode before = find(api.get(officer, "/api/outreach/coverage/enterprises?orgId=" + joint + "&size=200").json(), blind);
        assertThat(before.get("insuredMembers").asInt()).isZero();
        long eventId = eveningMeeting("盲区园区", joint);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        Response signUp = api.post(officer, "/api/outreach/events/" + eventId + "/sign-ups", json("""
                {"signUps":[{"id":"%s","idNumber":"%s","name":"王芳","mobile":"%s","employerCreditCode":"%s",
                  "employmentForm":"STANDARD","signedUpAt":"%s"}]}""",
                UUID.randomUUID(), workers.get(0), Ids.mobile(), blind, local(tomorrow, 19, 5)));
        assertThat(signUp.status()).as(signUp.toString()).isEqualTo(200);
        assertThat(signUp.json().at("/0/signUp/status").asText()).as(signUp.toString()).isEqualTo("REGISTERED");
        api.await(() -> api.get(officer, "/api/outreach/coverage/enterprises?orgId=" + joint + "&size=200"),
                r -> r.status() == 200 && find(r.json(), blind).get("insuredMembers").asInt() == 1, EVENTUALLY);
        // a second insured worker is registered in membership directly, with no outreach sign-up: membership's member
        // events carry the ID-number index, so that member counts among the firm's insured members too
        Response direct = api.post(officer, "/api/membership/members", json("""
                {"idNumber":"%s","name":"李娜","mobile":"%s","employmentForm":"STANDARD","orgId":%d}""",
                workers.get(1), Ids.mobile(), joint));
        assertThat(direct.status()).as(direct.toString()).isEqualTo(201);
        assertThat(direct.json().at("/member/status").asText()).as(direct.toString()).isEqualTo("ACTIVE");
        api.await(() -> api.get(officer, "/api/outreach/coverage/enterprises?orgId=" + joint + "&size=200"),
                r -> r.status() == 200 && find(r.json(), blind).get("insuredMembers").asInt() == 2, EVENTUALLY);

        // the firm is registered in the park: its suspended money moves to the collecting town, with a posting saying so
        registerEnterprise(blind, joint);
        String collections = "/api/dues/orgs/" + GUCUN_TOWN + "/collections?period=" + lastMonth + "&size=200";
        api.await(() -> api.get(officer, collections),
                r -> r.status() == 200 && ids(r.json(), "partnerReference").contains(ref), EVENTUALLY);
        assertThat(ids(api.get(admin, "/api/dues/suspense?orgId=1&size=200").json(), "id")).doesNotContain(String.valueOf(collectionId));
        JsonNode trial = api.get(admin, "/api/dues/trial-balance?period=" + lastMonth).json();
        assertThat(trial.get("balanced").asBoolean()).as("the ledger balances: " + trial).isTrue();
    }

        @Test
    void aCaseTakenOverByTheTownEndsWithTheUnheedingEnterpriseOnThePartnersBlacklist() {
        String creditCode = Ids.creditCode();
        long enterpriseId = registerEnterprise(creditCode, GUCUN_TOWN);
        Response founded = api.post(officer, "/api/membership/enterprises/" + enterpriseId + "/union", "{}");
        assertThat(founded.status()).as(founded.toString()).isEqualTo(201);
        long union = founded.json().at("/unionOrg/id").asLong();

        // the enterprise union reports; rights learns the union and the enterprise from membership's events
        String report = json("""
                {"category":"WAGE_ARREARS","summary":"拖欠 40 名职工三个月工资","reportingOrgId":%d,
                 "enterpriseCreditCode":"%s","workersAffected":40}""", union, creditCode);
        String key = "e2e-" + unique();
        Response reported = api.await(() -> api.sendTo(api.stack().gatewayUrl(), "POST", "/api/rights/cases", officer,
                        "application/json", report, java.util.Map.of("Idempotency-Key", key)),
                r -> r.status() != 400, EVENTUALLY);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        long caseId = reported.json().get("id").asLong();
        assertThat(reported.json().at("/coordinatorOrg/id").asLong()).isEqualTo(GUCUN_TOWN);

        Response takeOver = api.post(officer, "/api/rights/cases/" + caseId + "/take-over", "{\"note\":\"镇总工会接手\"}");
        assertThat(takeOver.status()).as(takeOver.toString()).isEqualTo(200);
        assertThat(takeOver.json().get("state").asText()).isEqualTo("ACCEPTED");

        List<LocalDate> due = new ArrayList<>();
        for (String letter : List.of("{\"kind\":\"RECTIFICATION\",\"content\":\"请依法足额支付拖欠工资\"}",
                "{\"kind\":\"HANDLING_PROPOSAL\",\"content\":\"建议依法处理\",\"addressedTo\":\"宝山区人力资源和社会保障局\"}")) {
            Response issued = api.post(officer, "/api/rights/cases/" + caseId + "/supervision-notices", letter);
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            due.add(LocalDate.parse(issued.json().get("responseDueOn").asText()));
        }

        String tax = api.partner("partner-tax");
        String since = java.time.OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString();
        // before the later deadline nothing happens; the day after it, the check lists the enterprise
        LocalDate later = due.stream().max(LocalDate::compareTo).orElseThrow();
        Response early = api.send("POST", "/api/rights/blacklist/checks?asOf=" + later.atTime(9, 0) + "%2B08:00",
                admin, null, null);
        assertThat(early.status()).as(early.toString()).isEqualTo(200);
        assertThat(early.body()).doesNotContain(creditCode);
        Response check = api.send("POST", "/api/rights/blacklist/checks?asOf=" + later.plusDays(1).atTime(9, 0) + "%2B08:00",
                admin, null, null);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.body()).contains(creditCode);

        Response feed = api.get(tax, "/api/rights/blacklist/changes?since=" + since.replace("+", "%2B") + "&limit=500");
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        feed.json().get("items").forEach(i -> listed.add(i.get("change").asText() + " " + i.get("creditCode").asText()));
        assertThat(listed).contains("LISTED " + creditCode);
        // the partner pulls the blacklist, not the cases
        assertThat(api.get(tax, "/api/rights/cases/" + caseId).status()).isEqualTo(403);
    }

    @Test
    void aMemberTransfersFromBaoshanToAnotherDistrictAndKeepsOneMembership() {
        long from = createOrg(officer, GUCUN_TOWN, "街道联合工会", "JOINT_AREA", ",\"areaType\":\"STREET\"");
        long district = createOrg(admin, SHANGHAI_PROVINCE, "区总工会", "DISTRICT", "");
        long town = createOrg(admin, district, "镇总工会", "TOWN", "");
        long to = createOrg(admin, town, "园区联合工会", "JOINT_AREA", ",\"areaType\":\"PARK\"");

        Response registered = api.post(officer, "/api/membership/members", json("""
                {"idNumber":"%s","name":"张伟","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                 "employmentForm":"PLATFORM_GIG","orgId":%d}""", Ids.residentId(), Ids.mobile(), from));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        long memberId = registered.json().at("/member/id").asLong();

        Response requested = api.post(officer, "/api/membership/members/" + memberId + "/transfers",
                json("{\"toOrgId\":%d,\"reason\":\"到浦东工作\"}", to));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        long transferId = requested.json().get("id").asLong();
        // the receiving district's side decides; the sending officer cannot accept for it
        assertThat(api.post(officer, "/api/membership/transfers/" + transferId + "/accept", "{}").status())
                .isIn(403, 404);
        Response accepted = api.post(admin, "/api/membership/transfers/" + transferId + "/accept", "{\"reason\":\"欢迎\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");

        JsonNode member = api.get(admin, "/api/membership/members/" + memberId).json();
        assertThat(member.get("orgId").asLong()).isEqualTo(to);
        assertThat(member.get("status").asText()).isEqualTo("ACTIVE");
        JsonNode history = api.get(admin, "/api/membership/members/" + memberId + "/history").json();
        assertThat(history.toString()).contains("\"orgId\":" + from).contains("\"orgId\":" + to);
        // now outside Baoshan: the Gucun officer no longer sees the member
        assertThat(api.get(officer, "/api/membership/members/" + memberId).status()).isEqualTo(404);
        // one person, one member: registering the person again anywhere is refused with the existing id
        Response twice = api.post(admin, "/api/membership/members", json("""
                {"idNumber":"%s","name":"张伟","mobile":"%s","employmentForm":"PLATFORM_GIG","orgId":%d}""",
                identityOf(memberId), Ids.mobile(), to));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A site in the org and a workers' meeting there tomorrow evening, staffed by the Gucun officer; the event's id. */
    private long eveningMeeting(String siteName, long orgId) {
        // outreach learns the org from membership's events: the site can be set up once it has
        Response site = api.await(() -> api.post(officer, "/api/outreach/sites", json("""
                {"name":"%s %s","kind":"INDUSTRIAL_PARK","orgId":%d,"ownerStaff":"officer.gucun"}""", siteName, unique(), orgId)),
                r -> r.status() != 400, EVENTUALLY);
        assertThat(site.status()).as(site.toString()).isEqualTo(201);
        // workers' meetings are held outside office hours (the rule holds on weekdays; evenings suit every day)
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        Response event = api.post(officer, "/api/outreach/events", json("""
                {"siteId":%d,"title":"职工沟通会","startsAt":"%s","endsAt":"%s","staff":["officer.gucun"]}""",
                site.json().get("id").asLong(), local(tomorrow, 18, 30), local(tomorrow, 21, 0)));
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        return event.json().get("id").asLong();
    }

    /** Sends a partner file to outreach as that partner and waits until it completed without rejects. */
    private void partnerFile(String kind, String client, String csv) {
        String token = api.partner(client);
        Response sent = api.send("POST", "/api/outreach/imports/" + kind, token, "text/csv", csv);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        String id = sent.json().get("id").asText();
        Response done = api.await(() -> api.get(token, "/api/outreach/imports/" + id),
                r -> r.status() == 200 && r.json().get("status").asText().equals("COMPLETED"), EVENTUALLY);
        assertThat(done.json().get("rowsRejected").asInt()).as(done.toString()).isZero();
    }

    /** The item of a page whose creditCode is {@code creditCode}. */
    private static JsonNode find(JsonNode page, String creditCode) {
        for (JsonNode item : page.get("items")) {
            if (item.get("creditCode").asText().equals(creditCode)) {
                return item;
            }
        }
        throw new AssertionError(creditCode + " not listed in " + page);
    }

    /** One field of every item of a page, as text. */
    private static List<String> ids(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.get("items").forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    private long createOrg(String token, long parentId, String name, String kind, String extra) {
        Response r = api.post(token, "/api/membership/orgs", json("{\"parentId\":%d,\"name\":\"%s %s\",\"kind\":\"%s\"%s}",
                parentId, name, unique(), kind, extra));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long registerEnterprise(String creditCode, long orgId) {
        Response r = api.post(admin, "/api/membership/enterprises", json("""
                {"creditCode":"%s","name":"上海顾村精密机械有限公司 %s","employeeCount":86,"establishedOn":"2019-04-12",
                 "orgId":%d}""", creditCode, unique(), orgId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** The full ID number, read by an admin with a stated reason (audited). */
    private String identityOf(long memberId) {
        Response r = api.get(admin, "/api/membership/members/" + memberId + "/identity?reason=e2e%20duplicate%20check");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("idNumber").asText();
    }

    private static BigDecimal balance(JsonNode page, long orgId, String purpose) {
        for (JsonNode row : page.get("items")) {
            if (row.get("orgId").asLong() == orgId && row.get("purpose").asText().equals(purpose)) {
                return new BigDecimal(row.get("balance").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    private static String local(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)) + ":00+08:00";
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String json(String template, Object... args) {
        return String.format(template, args);
    }
}
