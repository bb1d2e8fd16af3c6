package io.gucun.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data the authorization matrix's in-scope requests act on, created through the gateway under the Gucun town
 * federation (org 5, {@code 1.3.4.5}) the way officers and members would. Everything is new per run (fresh ID
 * numbers, credit codes and names), so the matrix can share the stack with the other end-to-end classes.
 * Matrix lines name these values as {@code ${name}}; a line may capture more from its in-scope answer.
 */
final class MatrixFixtures {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");
    private static final AtomicLong SEQ = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 3_000_000));
    private static final String OFFICER = "officer.gucun";

    private final Api api;
    private final Map<String, String> vars = new ConcurrentHashMap<>();
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));

    MatrixFixtures(Api api) {
        this.api = api;
    }

    Map<String, String> vars() {
        return vars;
    }

    /** Replaces each {@code ${name}}: a fixture value, or a fresh value for the generators. */
    String expand(String text) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "uuid" -> UUID.randomUUID().toString();
                case "newIdNumber" -> idNumber();
                case "newUscc" -> creditCode();
                case "newMobile" -> mobile();
                case "seq" -> Long.toString(SEQ.incrementAndGet());
                case "run" -> run;
                case "today" -> LocalDate.now().toString();
                case "nextSaturday" -> LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.SATURDAY)).plusWeeks(1).toString();
                case "futureDay" -> LocalDate.of(2080, 1, 1).plusDays(SEQ.incrementAndGet() % 7000).toString();
                default -> {
                    String v = vars.get(name);
                    if (v == null) {
                        throw new IllegalStateException("no fixture value ${" + name + "} (in " + text + ")");
                    }
                    yield v;
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    void create() {
        vars.put("town", "5");
        vars.put("district", "4");
        vars.put("beijing", "2");
        vars.put("year", Integer.toString(LocalDate.now().getYear()));
        // Membership: two joint unions under the town, an enterprise without a union, members, cards, a benefit.
        String joint = post(OFFICER, "/api/membership/orgs", """
                {"parentId":5,"name":"矩阵园区联合工会%s","kind":"JOINT_AREA","areaType":"PARK"}""".formatted(run), "/id");
        vars.put("joint", joint);
        postVersioned("joint2", OFFICER, "/api/membership/orgs", """
                {"parentId":5,"name":"矩阵楼宇联合工会%s","kind":"JOINT_AREA","areaType":"BUILDING"}""".formatted(run));
        postVersioned("orgToClose", OFFICER, "/api/membership/orgs", """
                {"parentId":5,"name":"矩阵待撤销%s","kind":"JOINT_AREA","areaType":"STREET"}""".formatted(run));
        // Inside a town, only an enterprise union can move (from one joint union to another).
        postVersioned("orgToMove", OFFICER, "/api/membership/orgs", """
                {"parentId":%s,"name":"矩阵待迁移企业工会%s","kind":"ENTERPRISE"}""".formatted(joint, run));
        for (String name : new String[] {"enterprise", "enterpriseToClose", "enterpriseToFound"}) {
            String uscc = creditCode();
            vars.put(name + "Uscc", uscc);
            postVersioned(name, OFFICER, "/api/membership/enterprises", """
                    {"creditCode":"%s","name":"矩阵%s%s有限公司","employeeCount":40,"establishedOn":"2020-03-01",
                     "gridCode":"BS-GC-090","orgId":%s}""".formatted(uscc, name, run, joint));
        }
        // Members admitted on the spot by the town officer (each action that changes a member gets its own).
        for (String name : new String[] {"member", "memberToLeave", "memberNoCard", "memberT1", "memberT2", "memberT3",
                "memberT4"}) {
            String id = idNumber();
            vars.put(name + "IdNumber", id);
            vars.put(name, post(OFFICER, "/api/membership/members", newMember(id, joint), "/member/id"));
        }
        vars.put("card", firstCard("member"));
        String lostCard = firstCard("memberNoCard");
        post(OFFICER, "/api/membership/cards/" + lostCard + "/report-lost", "{\"reason\":\"矩阵测试\"}", "/id");
        // Pending transfers to the second joint union: accepted, rejected, cancelled by the matrix.
        for (String n : new String[] {"1", "2", "3"}) {
            vars.put("transfer" + n, post(OFFICER, "/api/membership/members/" + vars.get("memberT" + n) + "/transfers",
                    "{\"toOrgId\":" + vars.get("joint2") + ",\"reason\":\"矩阵测试调动\"}", "/id"));
        }
        // Registered without a union by an admin, then applications to the joint union (approve, reject, withdraw).
        for (String n : new String[] {"1", "2", "3", "4"}) {
            String id = idNumber();
            vars.put("applicant" + n, post("admin", "/api/membership/members", newMember(id, null), "/member/id"));
        }
        for (String n : new String[] {"1", "2", "3"}) {
            vars.put("application" + n, post("admin", "/api/membership/members/" + vars.get("applicant" + n) + "/applications",
                    "{\"orgId\":" + joint + ",\"note\":\"矩阵测试申请\"}", "/id"));
        }
        // worker.li: her own membership (registered from the app, approved by the town officer) unless she has one.
        Api.Response me = api.get(api.user("worker.li"), "/api/membership/me");
        if (me.status() != 200) {
            String id = idNumber();
            Api.Response r = api.post(api.user("worker.li"), "/api/membership/members", newMember(id, joint));
            check(r);
            String app = r.json().at("/application/id").asText();
            post(OFFICER, "/api/membership/applications/" + app + "/approve", "{}", "/id");
            me = api.get(api.user("worker.li"), "/api/membership/me");
            check(me);
        }
        vars.put("self", text(me, "/member/id", "/id"));
        vars.put("myCard", firstCard("self"));
        vars.put("benefit", post(OFFICER, "/api/membership/benefits", """
                {"orgId":%s,"kind":"UNIVERSAL","title":"矩阵福利%s","validFrom":"%s"}""".formatted(5, run, LocalDate.now()), "/id"));
        vars.put("benefitToWithdraw", post(OFFICER, "/api/membership/benefits", """
                {"orgId":%s,"kind":"UNIVERSAL","title":"矩阵福利撤回%s","validFrom":"%s"}""".formatted(5, run, LocalDate.now()), "/id"));
        // Rights: a case worker.li reported herself (she withdraws it), one the town officer escalates.
        vars.put("liCase", post("worker.li", "/api/rights/cases", newCase("WAGE_ARREARS", joint), "/id"));
        vars.put("caseToEscalate", post(OFFICER, "/api/rights/cases", newCase("DISMISSAL", joint), "/id"));
        // Outreach: a second site (rotation) and an event to cancel.
        vars.put("site2", post(OFFICER, "/api/outreach/sites", """
                {"name":"矩阵站点乙%s","kind":"MARKET","orgId":%s,"gridCode":"BS-GC-091","ownerStaff":"admin"}"""
                .formatted(run, joint), "/id"));
        String saturday = expand("${nextSaturday}");
        vars.put("eventToCancel", post(OFFICER, "/api/outreach/events", """
                {"siteId":%s,"title":"矩阵取消的沟通会","startsAt":"%sT10:00:00+08:00","endsAt":"%sT12:00:00+08:00",
                 "staff":["officer.gucun"]}""".formatted(vars.get("site2"), saturday, saturday), "/id"));
    }

    private String newMember(String idNumber, String orgId) {
        return """
                {"idNumber":"%s","name":"矩阵%s","mobile":"%s","occupation":"快递员","occupationCategory":"COURIER",
                 "employmentForm":"PLATFORM_GIG"%s}""".formatted(idNumber, SEQ.incrementAndGet() % 1000, mobile(),
                orgId == null ? "" : ",\"orgId\":" + orgId);
    }

    private String newCase(String category, String orgId) {
        return """
                {"category":"%s","summary":"矩阵测试案件","reportingOrgId":%s,"enterpriseCreditCode":"%s","workersAffected":2}"""
                .formatted(category, orgId, vars.get("enterpriseUscc"));
    }

    private String firstCard(String memberVar) {
        Api.Response r = api.await(() -> api.get(api.user("admin"),
                        "/api/membership/members/" + vars.get(memberVar) + "/cards"),
                x -> x.status() == 200 && x.json().size() > 0, Duration.ofSeconds(30));
        return r.json().get(0).path("id").asText();
    }

    /** POSTs as {@code who} until it answers 2xx (events may still be on their way), and returns the JSON value. */
    String post(String who, String path, String json, String pointer) {
        return text(postFor(who, path, json), pointer);
    }

    /** Like {@link #post}, and also keeps the created thing's {@code version} as {@code ${<name>Version}}. */
    private void postVersioned(String name, String who, String path, String json) {
        Api.Response r = postFor(who, path, json);
        vars.put(name, text(r, "/id"));
        vars.put(name + "Version", text(r, "/version"));
    }

    private Api.Response postFor(String who, String path, String json) {
        String token = who.startsWith("partner-") ? api.partner(who) : api.user(who);
        Api.Response r = api.await(() -> api.post(token, path, json),
                x -> x.status() / 100 == 2 || (x.status() / 100 == 4 && x.status() != 404 && x.status() != 422
                        && x.status() != 409), Duration.ofSeconds(30));
        check(r);
        return r;
    }

    private static String text(Api.Response r, String... pointers) {
        JsonNode json = r.json();
        for (String p : pointers) {
            JsonNode v = json.at(p);
            if (!v.isMissingNode() && !v.isNull()) {
                return v.asText();
            }
        }
        throw new AssertionError("nothing at " + String.join(" or ", pointers) + " in " + r);
    }

    private static void check(Api.Response r) {
        if (r.status() / 100 != 2) {
            throw new AssertionError("fixture not created: " + r);
        }
    }

    static String idNumber() {
        return Ids.residentId();
    }

    static String mobile() {
        return Ids.mobile();
    }

    static String creditCode() {
        return Ids.creditCode();
    }
}
