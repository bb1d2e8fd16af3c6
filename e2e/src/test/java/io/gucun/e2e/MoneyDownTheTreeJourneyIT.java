package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.Api.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21's journey on the real stack: union funds collected by the town travel down to the grassroots and up every
 * level of the demo tree (Gucun town 1.3.4.5, Baoshan district, Shanghai, the national federation), a firm without a
 * union has its share held until it founds one, the 80% rule holds, a retention override takes effect only through
 * maker-checker, and a burst of joins beyond the recruitment budget leaves grants owed, never a negative account.
 */
@ExtendWith(RealStack.class)
class MoneyDownTheTreeJourneyIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long NATIONAL = 1;
    private static final long SHANGHAI_PROVINCE = 3;
    private static final long BAOSHAN_DISTRICT = 4;
    private static final long GUCUN_TOWN = 5;
    private static final int BURST = 6;

    private final Api api;
    private final String officer;
    private final String admin;

    MoneyDownTheTreeJourneyIT(Api api) {
        this.api = api;
        this.officer = api.user("officer.gucun");
        this.admin = api.user("admin");
    }

    @Test
    void theTownsCollectionsReachEveryLevelTheHeldShareIsReleasedOnFoundingAndABurstBeyondTheBudgetIsOwed() {
        // Last month: postings of this month (grants, releases) never touch the period's figures read below.
        String period = YearMonth.now(SHANGHAI).minusMonths(1).toString();

        // three firms registered under the town: one with a union, one without, one small
        String withUnionCode = Ids.creditCode();
        long withUnion = registerEnterprise(withUnionCode, 86);
        long withUnionUnion = foundUnion(withUnion);
        String withoutCode = Ids.creditCode();
        long without = registerEnterprise(withoutCode, 86);
        String smallCode = Ids.creditCode();
        long small = registerEnterprise(smallCode, 12);
        long smallUnion = foundUnion(small);

        // the tax partner reports them; dues learns the firms from membership's events, so rows may first be unknown
        String csv = "creditCode,period,payrollBase,amount,partnerReference\n"
                + withUnionCode + "," + period + ",300000.00,,SH-TAX-" + unique() + "\n"
                + withoutCode + "," + period + ",300000.00,,SH-TAX-" + unique() + "\n"
                + smallCode + "," + period + ",50000.00,,SH-TAX-" + unique() + "\n";
        String tax = api.partner("partner-tax");
        api.await(() -> api.job(tax, "/api/dues/collection-imports", "text/csv", csv), r -> Api.succeeded(r)
                && r.json().at("/result/posted").asInt() + r.json().at("/result/duplicates").asInt() == 3, EVENTUALLY);

        // the small firm's retention override: proposed by the town's officer, approved by a second officer (not the proposer)
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        Response proposed = api.post(officer, "/api/dues/retention-overrides", json("""
                {"enterpriseId":%d,"grassrootsPercent":"95","reason":"小微企业 起步期","validFrom":"%s"}""", small, tomorrow));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        long overrideId = proposed.json().get("id").asLong();
        long approvalId = proposed.json().get("approvalId").asLong();
        assertThat(proposed.json().get("status").asText()).isEqualTo("PENDING");
        Response self = api.post(officer, "/api/dues/approvals/" + approvalId + "/approval", "{}");
        assertThat(self.status()).as(self.toString()).isEqualTo(422);
        assertThat(self.body()).contains("approver");
        Response approved = api.post(admin, "/api/dues/approvals/" + approvalId + "/approval", "{\"note\":\"核对无误\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("proposedBy").asText()).isEqualTo("officer.gucun");
        assertThat(approved.json().get("decidedBy").asText()).isEqualTo("admin");
        assertThat(api.get(officer, "/api/dues/retention-overrides/" + overrideId).json().get("status").asText())
                .isEqualTo("APPROVED");

        // the run waits until dues knows which firms have a union (the small firm's and the first firm's)
        api.await(() -> api.get(officer, "/api/dues/orgs/" + GUCUN_TOWN + "/rebate-preview?period=" + period + "&size=200"),
                r -> r.status() == 200 && grassrootsOrg(allLines(r.json()), withUnion) == withUnionUnion
                        && grassrootsOrg(allLines(r.json()), small) == smallUnion, EVENTUALLY);

        long[] levels = {GUCUN_TOWN, BAOSHAN_DISTRICT, SHANGHAI_PROVINCE, NATIONAL};
        Map<Long, BigDecimal> upperBefore = new HashMap<>();
        for (long org : levels) {
            upperBefore.put(org, balance(org, "UPPER_SHARE", period));
        }

        // the town runs the rebate of the period
        Response job = api.job(officer, "/api/dues/orgs/" + GUCUN_TOWN + "/rebate-runs", "application/json",
                json("{\"period\":\"%s\"}", period));
        assertThat(Api.succeeded(job)).as(job.toString()).isTrue();
        JsonNode run = job.json().get("result");
        List<JsonNode> lines = runLines(run.get("runId").asLong());
        assertThat(lines).hasSize(run.get("collections").asInt());

        JsonNode standard = line(lines, withUnion);
        assertThat(standard.get("category").asText()).isEqualTo("STANDARD");
        assertThat(standard.get("amount").asText()).isEqualTo("6000.00");
        assertThat(standard.get("grassrootsShare").asText()).isEqualTo("4800.00");
        // every level above receives its part; Shanghai has no city between province and district, so the city's
        // share goes to the next org below it on the path, the district
        Map<String, Long> receivers = new HashMap<>();
        standard.get("shares").forEach(s -> receivers.put(s.get("level").asText(), s.get("orgId").asLong()));
        assertThat(receivers).containsEntry("GRASSROOTS", withUnionUnion).containsEntry("TOWN", GUCUN_TOWN)
                .containsEntry("DISTRICT", BAOSHAN_DISTRICT).containsEntry("CITY", BAOSHAN_DISTRICT)
                .containsEntry("PROVINCE", SHANGHAI_PROVINCE).containsEntry("NATIONAL", NATIONAL);
        JsonNode held = line(lines, without);
        assertThat(held.get("category").asText()).isEqualTo("NO_UNION");
        assertThat(held.get("preparatoryFund").asText()).isEqualTo("4800.00");
        // an override approved today starts tomorrow: it never reaches back into a period already collected
        JsonNode smallLine = line(lines, small);
        assertThat(smallLine.get("category").asText()).isEqualTo("SMALL_FIRM");
        assertThat(smallLine.get("overrideId").isNull()).as(smallLine.toString()).isTrue();
        assertThat(smallLine.get("grassrootsShare").asText()).isEqualTo("1000.00");
        for (JsonNode l : lines) {
            BigDecimal parts = BigDecimal.ZERO;
            for (JsonNode s : l.get("shares")) {
                parts = parts.add(new BigDecimal(s.get("amount").asText()));
            }
            assertThat(parts).as("no fen lost or made: " + l).isEqualByComparingTo(l.get("amount").asText());
        }

        // each level's account shows exactly its parts of the run
        for (long org : levels) {
            BigDecimal share = BigDecimal.ZERO;
            for (JsonNode l : lines) {
                for (JsonNode s : l.get("shares")) {
                    if (!s.get("level").asText().equals("GRASSROOTS") && s.get("orgId").asLong() == org) {
                        share = share.add(new BigDecimal(s.get("amount").asText()));
                    }
                }
            }
            assertThat(share).as("org %d receives a share", org).isPositive();
            assertThat(balance(org, "UPPER_SHARE", period).subtract(upperBefore.get(org)))
                    .as("org %d's upper share", org).isEqualByComparingTo(share);
        }
        assertThat(balance(withUnionUnion, "GRASSROOTS_SHARE", period)).isEqualByComparingTo("4800.00");
        assertThat(balance(smallUnion, "GRASSROOTS_SHARE", period)).isEqualByComparingTo("1000.00");

        // the 80% rule holds for the town and period (a held share counts as returned)
        Response floor = api.get(officer, "/api/dues/orgs/" + GUCUN_TOWN + "/return-floor-report?period=" + period);
        assertThat(floor.status()).as(floor.toString()).isEqualTo(200);
        assertThat(floor.json().get("holds").asBoolean()).as(floor.toString()).isTrue();
        assertThat(new BigDecimal(floor.json().get("returnedPercent").asText()))
                .isGreaterThanOrEqualTo(new BigDecimal(floor.json().get("floorPercent").asText()));
        assertThat(new BigDecimal(floor.json().get("shortfall").asText())).isZero();

        // the firm without a union founds one: what was held for it is released to it (UnionFounded)
        long foundedLater = foundUnion(without);
        api.await(() -> api.get(officer, "/api/dues/orgs/" + foundedLater + "/balances"),
                r -> r.status() == 200 && balanceIn(r.json(), foundedLater, "GRASSROOTS_SHARE").compareTo(BigDecimal.ZERO) > 0,
                EVENTUALLY);
        assertThat(balance(foundedLater, "GRASSROOTS_SHARE", null)).isEqualByComparingTo("4800.00");
        assertThat(balance(foundedLater, "CASH", null)).isEqualByComparingTo("4800.00");

        // recruitment: the district and the town set part of their shares aside for a new joint union, two grants' worth
        long joint = createJointUnion();
        List<Long> funds = new ArrayList<>();
        for (long payer : new long[] {BAOSHAN_DISTRICT, GUCUN_TOWN}) {
            String payerToken = payer == GUCUN_TOWN ? officer : admin;
            Response fund = api.await(() -> api.post(payerToken, "/api/dues/budget-funds", json("""
                    {"programme":"RECRUITMENT_SUBSIDY","payerOrgId":%d,"regionOrgId":%d}""", payer, joint)),
                    r -> r.status() != 400, EVENTUALLY);
            assertThat(fund.status()).as(fund.toString()).isEqualTo(200);
            long fundId = fund.json().get("id").asLong();
            allocate(payerToken, fundId, "60.00");
            funds.add(fundId);
        }

        // a burst of joins, three times what the funds hold
        List<Long> members = burstOfJoins(joint);
        assertThat(members).hasSize(BURST).doesNotHaveDuplicates();
        Response report = api.await(() -> api.get(officer, "/api/dues/orgs/" + joint + "/grant-report"),
                r -> r.status() == 200 && receivedAndOwed(r.json(), joint).compareTo(new BigDecimal(60 * BURST)) == 0, EVENTUALLY);
        JsonNode row = recruitmentRow(report.json(), joint);
        assertThat(new BigDecimal(row.get("received").asText())).isEqualByComparingTo("120.00");
        assertThat(new BigDecimal(row.get("owedIn").asText())).isEqualByComparingTo(new BigDecimal(60 * BURST - 120));
        for (long fundId : funds) {
            JsonNode fund = api.get(admin, "/api/dues/budget-funds/" + fundId).json();
            assertThat(new BigDecimal(fund.get("balance").asText())).as(fund.toString()).isZero();
            assertThat(fund.get("owedShares").asLong()).as(fund.toString()).isEqualTo(BURST - 2);
        }
        assertNoNegativeCashOrBudget();

        // topping the funds up pays what is owed, oldest first
        for (int i = 0; i < funds.size(); i++) {
            allocate(i == 0 ? admin : officer, funds.get(i), new BigDecimal(30 * (BURST - 2)).setScale(2).toPlainString());
        }
        JsonNode settled = recruitmentRow(api.get(officer, "/api/dues/orgs/" + joint + "/grant-report").json(), joint);
        assertThat(new BigDecimal(settled.get("received").asText())).isEqualByComparingTo(new BigDecimal(60 * BURST));
        assertThat(new BigDecimal(settled.get("owedIn").asText())).isZero();
        assertNoNegativeCashOrBudget();

        JsonNode trial = api.get(admin, "/api/dues/trial-balance?period=" + period).json();
        assertThat(trial.get("balanced").asBoolean()).as("the ledger balances: " + trial).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    private long registerEnterprise(String creditCode, int employees) {
        Response r = api.post(admin, "/api/membership/enterprises", json("""
                {"creditCode":"%s","name":"上海顾村制造有限公司 %s","employeeCount":%d,"establishedOn":"2019-04-12","orgId":%d}""",
                creditCode, unique(), employees, GUCUN_TOWN));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long foundUnion(long enterpriseId) {
        Response r = api.post(officer, "/api/membership/enterprises/" + enterpriseId + "/union", "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().at("/unionOrg/id").asLong();
    }

    private long createJointUnion() {
        Response r = api.post(officer, "/api/membership/orgs", json("""
                {"parentId":%d,"name":"园区联合工会 %s","kind":"JOINT_AREA","areaType":"PARK"}""", GUCUN_TOWN, unique()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private void allocate(String token, long fundId, String amount) {
        Response r = api.post(token, "/api/dues/budget-funds/" + fundId + "/allocations",
                json("{\"amount\":\"%s\",\"reference\":\"%s\"}", amount, UUID.randomUUID()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Registers and admits {@value #BURST} workers to the joint union at once, as a busy stall would. */
    private List<Long> burstOfJoins(long joint) {
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            List<CompletableFuture<Long>> joins = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                joins.add(CompletableFuture.supplyAsync(() -> {
                    Response r = api.post(officer, "/api/membership/members", json("""
                            {"idNumber":"%s","name":"王芳","mobile":"%s","employmentForm":"STANDARD","orgId":%d}""",
                            Ids.residentId(), Ids.mobile(), joint));
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                    return r.json().at("/member/id").asLong();
                }, pool));
            }
            return joins.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /** Every CASH and BUDGET account under the district, all time, is at or above zero. */
    private void assertNoNegativeCashOrBudget() {
        for (JsonNode row : allPages("/api/dues/orgs/" + BAOSHAN_DISTRICT + "/balances")) {
            String purpose = row.get("purpose").asText();
            if (purpose.equals("CASH") || purpose.equals("BUDGET")) {
                assertThat(new BigDecimal(row.get("balance").asText())).as(row.toString()).isNotNegative();
            }
        }
    }

    /** An org's own account balance (its subtree's rows filtered to it), in one period or all time. */
    private BigDecimal balance(long orgId, String purpose, String period) {
        String path = "/api/dues/orgs/" + orgId + "/balances" + (period == null ? "" : "?period=" + period);
        for (JsonNode row : allPages(path)) {
            if (row.get("orgId").asLong() == orgId && row.get("purpose").asText().equals(purpose)) {
                return new BigDecimal(row.get("balance").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    private static BigDecimal balanceIn(JsonNode page, long orgId, String purpose) {
        for (JsonNode row : page.get("items")) {
            if (row.get("orgId").asLong() == orgId && row.get("purpose").asText().equals(purpose)) {
                return new BigDecimal(row.get("balance").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    /** Every item of a paged listing (admin's view), page by page. */
    private List<JsonNode> allPages(String path) {
        List<JsonNode> items = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            Response r = api.get(admin, path + sep + "size=200&page=" + page);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(items::add);
            if (items.size() >= r.json().get("total").asLong() || r.json().get("items").isEmpty()) {
                return items;
            }
        }
    }

    private List<JsonNode> runLines(long runId) {
        List<JsonNode> lines = new ArrayList<>();
        for (int page = 0; ; page++) {
            Response r = api.get(admin, "/api/dues/rebate-runs/" + runId + "?size=200&page=" + page);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode items = r.json().at("/lines/items");
            items.forEach(lines::add);
            if (lines.size() >= r.json().at("/lines/total").asLong() || items.isEmpty()) {
                return lines;
            }
        }
    }

    private static List<JsonNode> allLines(JsonNode run) {
        List<JsonNode> lines = new ArrayList<>();
        run.at("/lines/items").forEach(lines::add);
        return lines;
    }

    private static long grassrootsOrg(List<JsonNode> lines, long enterpriseId) {
        return lines.stream().filter(l -> l.get("enterpriseId").asLong() == enterpriseId)
                .map(l -> l.get("grassrootsOrgId")).filter(n -> n != null && !n.isNull()).mapToLong(JsonNode::asLong)
                .findFirst().orElse(-1);
    }

    private static JsonNode line(List<JsonNode> lines, long enterpriseId) {
        return lines.stream().filter(l -> l.get("enterpriseId").asLong() == enterpriseId).findFirst()
                .orElseThrow(() -> new AssertionError("no line for enterprise " + enterpriseId + " in " + lines));
    }

    private static JsonNode recruitmentRow(JsonNode report, long orgId) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("orgId").asLong() == orgId && row.get("programme").asText().equals("RECRUITMENT_SUBSIDY")) {
                return row;
            }
        }
        throw new AssertionError("no recruitment row for org " + orgId + " in " + report);
    }

    private static BigDecimal receivedAndOwed(JsonNode report, long orgId) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("orgId").asLong() == orgId && row.get("programme").asText().equals("RECRUITMENT_SUBSIDY")) {
                return new BigDecimal(row.get("received").asText()).add(new BigDecimal(row.get("owedIn").asText()));
            }
        }
        return BigDecimal.ZERO;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String json(String template, Object... args) {
        return String.format(template, args);
    }
}
