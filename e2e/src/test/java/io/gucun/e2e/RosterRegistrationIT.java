package io.gucun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.e2e.Api.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 24, point 3, through the gateway: an enterprise union founded with its roster registers the members in one
 * request, and dues grants the recruitment subsidy for each of them as for single registrations.
 */
@ExtendWith(RealStack.class)
class RosterRegistrationIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(90);
    private static final long GUCUN_TOWN = 5;
    private static final BigDecimal PER_MEMBER = new BigDecimal("60.00");

    private final Api api;
    private final String officer;

    RosterRegistrationIT(Api api) {
        this.api = api;
        this.officer = api.user("officer.gucun");
    }

    @Test
    void aRosterPostedThroughTheGatewayEarnsTheSubsidyForEveryMember() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Response joint = api.post(officer, "/api/membership/orgs", "{\"parentId\":" + GUCUN_TOWN + ",\"name\":\"花名册园区联合工会 "
                + tag + "\",\"kind\":\"JOINT_AREA\",\"areaType\":\"PARK\"}");
        assertThat(joint.status()).as(joint.toString()).isEqualTo(201);
        Response enterprise = api.post(officer, "/api/membership/enterprises", "{\"creditCode\":\"" + Ids.creditCode()
                + "\",\"name\":\"上海花名册精密机械有限公司 " + tag + "\",\"employeeCount\":120,\"orgId\":"
                + joint.json().get("id").asLong() + "}");
        assertThat(enterprise.status()).as(enterprise.toString()).isEqualTo(201);
        long enterpriseId = enterprise.json().get("id").asLong();
        Response founded = api.post(officer, "/api/membership/enterprises/" + enterpriseId + "/union", "{}");
        assertThat(founded.status()).as(founded.toString()).isEqualTo(201);
        long union = founded.json().at("/unionOrg/id").asLong();

        String repeated = Ids.residentId();
        String csv = "idNumber,name,mobile,employmentForm,occupation\n"
                + repeated + ",王一," + Ids.mobile() + ",STANDARD,装配工\n"
                + Ids.residentId() + ",王二," + Ids.mobile() + ",STANDARD,焊工\n"
                + Ids.residentId() + ",王三," + Ids.mobile() + ",DISPATCHED,质检员\n"
                + repeated + ",王一," + Ids.mobile() + ",STANDARD,装配工\n";
        Response accepted = api.send("POST", "/api/membership/enterprises/" + enterpriseId + "/roster", officer, "text/csv", csv);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).contains("/enterprises/" + enterpriseId + "/roster/" + accepted.json().get("id").asText());

        Response job = api.await(() -> api.get(officer, "/api/membership/enterprises/" + enterpriseId + "/roster/"
                + accepted.json().get("id").asText()), r -> r.status() == 200 && "COMPLETED".equals(r.json().get("status").asText()),
                EVENTUALLY);
        assertThat(job.json().get("registered").asInt()).as(job.toString()).isEqualTo(3);
        assertThat(job.json().at("/rejects/0/line").asInt()).isEqualTo(5);

        // dues: one recruitment subsidy per registered member (paid or owed, whatever the funds hold), as for single
        // ones: the demo policy of Gucun's region grants 60 yuan per member (30 from the district, 30 from the town)
        Response report = api.await(() -> api.get(officer, "/api/dues/orgs/" + union + "/grant-report"),
                r -> r.status() == 200 && subsidy(r.json(), union).compareTo(PER_MEMBER.multiply(BigDecimal.valueOf(3))) >= 0,
                EVENTUALLY);
        assertThat(subsidy(report.json(), union)).as(report.toString()).isEqualByComparingTo("180.00");
    }

    /** What the union received or is owed from recruitment subsidies. */
    private static BigDecimal subsidy(JsonNode report, long union) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : report.get("rows")) {
            if (row.get("orgId").asLong() == union && "RECRUITMENT_SUBSIDY".equals(row.get("programme").asText())) {
                sum = sum.add(new BigDecimal(row.get("received").asText())).add(new BigDecimal(row.get("owedIn").asText()));
            }
        }
        return sum;
    }
}
