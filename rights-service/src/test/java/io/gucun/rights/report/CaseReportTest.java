package io.gucun.rights.report;

import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.gucun.rights.Api;
import io.gucun.rights.MembershipFeed;
import io.gucun.rights.rightscase.RightsCase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Figures per subtree and period: counts by category and state, medians, amounts, overdue. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class CaseReportTest {

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void figuresOfATownsCases() {
        var t = MembershipFeed.tree();
        ActingAs.worker("worker-r");
        long a = Api.report(t.parkId(), t.creditCode(), 12);
        long b = Api.report(t.parkId(), t.creditCode(), 2);
        long c = Api.report(t.parkId(), t.creditCode(), 1);
        Map<String, Object> injury = new HashMap<>(Api.newCase(t.parkId(), t.creditCode(), 1));
        injury.put("category", "WORK_INJURY");
        long d = post("/cases", injury).statusCode(201).extract().jsonPath().getLong("id");
        ActingAs.officer("officer-town", t.town());
        for (long id : new long[] {a, b, c}) {
            post("/cases/" + id + "/take-over").statusCode(200);
        }
        post("/cases/" + a + "/start").statusCode(200);
        post("/cases/" + a + "/resolve", Map.of("resolution", "补发", "amountRecovered", "300.50")).statusCode(200);
        // Put the clock marks where the medians are known: take-over after 2 h, 4 h and 10 h; resolution after 48 h.
        OffsetDateTime reported = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3);
        QuarkusTransaction.requiringNew().run(() -> {
            RightsCase.update("reportedAt = ?1 where id in ?2", reported, java.util.List.of(a, b, c, d));
            RightsCase.update("takenOverAt = ?1 where id = ?2", reported.plusHours(2), a);
            RightsCase.update("takenOverAt = ?1 where id = ?2", reported.plusHours(4), b);
            RightsCase.update("takenOverAt = ?1 where id = ?2", reported.plusHours(10), c);
            RightsCase.update("resolvedAt = ?1 where id = ?2", reported.plusHours(48), a);
            RightsCase.update("dueOn = ?1 where id = ?2", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1), d);
        });
        get("/reports/cases?orgId=" + t.townId()).statusCode(200)
                .body("orgName", equalTo("顾村镇总工会"))
                .body("cases", equalTo(4)).body("groupCases", equalTo(1))
                .body("byCategory.WAGE_ARREARS", equalTo(3)).body("byCategory.WORK_INJURY", equalTo(1))
                .body("byState.ACCEPTED", equalTo(2)).body("byState.RESOLVED", equalTo(1)).body("byState.REPORTED", equalTo(1))
                .body("medianHoursToTakeover", equalTo(4.0f)).body("medianHoursToResolution", equalTo(48.0f))
                .body("amountRecovered", equalTo("300.50")).body("overdue", equalTo(1));
        // A period before the cases: nothing.
        get("/reports/cases?orgId=" + t.townId() + "&from=2020-01-01&to=2020-12-31").statusCode(200)
                .body("cases", equalTo(0)).body("medianHoursToTakeover", nullValue()).body("amountRecovered", equalTo("0.00"));
        get("/reports/cases?orgId=" + t.townId() + "&from=2026-12-31&to=2026-01-01").statusCode(400).body("errors[0].field", equalTo("from"));
        // Default org: the caller's own scope.
        get("/reports/cases").statusCode(200).body("orgId", equalTo((int) t.townId())).body("cases", equalTo(4));
        ActingAs.officer("officer-other", "1.999999");
        get("/reports/cases?orgId=" + t.townId()).statusCode(403);
        get("/reports/cases?orgId=987654321").statusCode(400).body("errors[0].field", equalTo("orgId"));
        ActingAs.worker("worker-r");
        get("/reports/cases?orgId=" + t.townId()).statusCode(403);
        ActingAs.partner("partner-tax");
        get("/reports/cases?orgId=" + t.townId()).statusCode(403);
    }
}
