package io.gucun.rights.deadline;

import static io.gucun.rights.Api.get;
import static io.gucun.rights.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.rights.ActingAs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dated policy and the calendar are data an admin changes, never retroactively. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "rights"))
@TestSecurity(user = "someone", roles = "member", augmentors = ActingAs.class)
class DeadlinePolicyApiTest {

    @AfterEach
    void reset() {
        ActingAs.reset();
    }

    @Test
    void adminsAddFutureRulesAndOfficersReadThem() {
        ActingAs.officer("officer-x", "1.2");
        get("/deadline-policy").statusCode(200)
                .body("find { it.step == 'TAKEOVER' && it.validFrom == '2020-01-01' }.workingDays", equalTo(3));
        post("/deadline-policy", Map.of("step", "START", "workingDays", 4, "validFrom", "2099-01-01")).statusCode(403);
        ActingAs.admin();
        String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
        post("/deadline-policy", Map.of("step", "START", "workingDays", 4, "validFrom", yesterday)).statusCode(400)
                .body("errors[0].field", equalTo("validFrom"));
        post("/deadline-policy", Map.of("step", "START", "workingDays", 0, "validFrom", "2099-01-01")).statusCode(400)
                .body("errors[0].field", equalTo("workingDays"));
        post("/deadline-policy", Map.of("step", "SOMETIME", "workingDays", 4, "validFrom", "2099-01-01")).statusCode(400)
                .body("errors[0].field", equalTo("step"));
        post("/deadline-policy", Map.of("step", "START", "workingDays", 4, "validFrom", "2099-01-01", "note", "提速")).statusCode(201)
                .body("createdBy", equalTo("admin"));
        post("/deadline-policy", Map.of("step", "START", "workingDays", 6, "validFrom", "2099-01-01")).statusCode(409)
                .body("type", equalTo("urn:gucun:problem:policy-exists"));
        get("/deadline-policy").statusCode(200).body("find { it.validFrom == '2099-01-01' }.workingDays", equalTo(4));
    }

    @Test
    void theCalendarHoldsHolidaysAndWorkedWeekendDays() {
        ActingAs.admin();
        post("/deadline-policy/calendar", Map.of("day", "2099-02-17", "kind", "HOLIDAY", "name", "春节")).statusCode(201);
        post("/deadline-policy/calendar", Map.of("day", "2099-02-17", "kind", "HOLIDAY", "name", "春节")).statusCode(409);
        post("/deadline-policy/calendar", Map.of("day", "2099-02-21", "kind", "SOMETIMES", "name", "x")).statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        post("/deadline-policy/calendar", Map.of("day", "2099-13-01", "kind", "WORKDAY", "name", "x")).statusCode(400)
                .body("errors[0].field", equalTo("day"));
        ActingAs.officer("officer-x", "1.2");
        get("/deadline-policy/calendar?year=2099").statusCode(200).body("day", hasItem("2099-02-17"));
        get("/deadline-policy/calendar?year=2026").statusCode(200).body("day", hasItem("2026-10-01"));
        get("/deadline-policy/calendar?year=1").statusCode(400);
        post("/deadline-policy/calendar", Map.of("day", "2099-02-18", "kind", "HOLIDAY", "name", "春节")).statusCode(403);
        ActingAs.partner("partner-tax");
        get("/deadline-policy").statusCode(403);
    }
}
