package io.gucun.dues.report;

import static io.gucun.dues.report.ReportApiTest.PERIOD;
import static io.gucun.dues.report.ReportApiTest.number;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Issue 21, point 9: the public money-flow picture, rendered and its totals checked against the ledger. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class MoneyFlowApiTest {

    /** node → fen of every bar, read back from the SVG as XML (so the picture is well-formed, too). */
    static Map<String, Long> svgFigures(String svg) {
        try {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            NodeList rects = doc.getElementsByTagName("rect");
            Map<String, Long> figures = new LinkedHashMap<>();
            for (int i = 0; i < rects.getLength(); i++) {
                Element r = (Element) rects.item(i);
                figures.put(r.getAttribute("data-node"), Long.parseLong(r.getAttribute("data-fen")));
            }
            return figures;
        } catch (Exception e) {
            throw new IllegalStateException("not a well-formed SVG", e);
        }
    }

    @Test
    @TestSecurity(user = "officer.town", roles = "officer")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1.901.902"))
    void thePublicMoneyFlowOfATownAddsUpToItsLedger() {
        new ReportApiTest().fixtures();
        ReportApiTest.load();
        given().when().get("/api/dues/public/orgs/902/transparency?period=" + PERIOD).then().statusCode(200)
                .body("moneyFlow", equalTo("/api/dues/public/orgs/902/money-flow.svg?period=" + PERIOD));
        String svg = given().when().get("/api/dues/public/orgs/902/money-flow.svg?period=" + PERIOD).then().statusCode(200)
                .contentType(containsString("image/svg+xml")).extract().asString();
        Map<String, Long> f = svgFigures(svg);
        String subtree = " join known_org k on k.id = l.org_id where k.path <@ '1.901.902' and l.period = '" + PERIOD + "'";
        long collected = number("select coalesce(sum(l.amount_fen), 0) from journal_leg l join journal_entry e on e.id = l.entry_id"
                + subtree + " and e.kind = 'FUND_COLLECTION' and l.purpose = 'COLLECTED_FUNDS'");
        long grassroots = number("select coalesce(sum(case when l.side = 'C' then l.amount_fen else -l.amount_fen end), 0)"
                + " from journal_leg l join journal_entry e on e.id = l.entry_id" + subtree
                + " and e.kind = 'REBATE' and l.purpose = 'GRASSROOTS_SHARE'");
        long spent = number("select coalesce(sum(case when l.side = 'D' then l.amount_fen else -l.amount_fen end), 0)"
                + " from journal_leg l" + subtree + " and l.purpose = 'MEMBER_BENEFITS'");
        Assertions.assertThat(collected).as("the fixture collected something").isPositive();
        Assertions.assertThat(f.get("collected")).isEqualTo(collected);
        Assertions.assertThat(f.get("grassroots")).isEqualTo(grassroots).isEqualTo(f.get("returned"));
        Assertions.assertThat(f.get("spent")).isEqualTo(spent);
        long parts = f.entrySet().stream().filter(e -> e.getKey().startsWith("share:") || e.getKey().equals("held")
                || e.getKey().equals("waiting") || e.getKey().equals("grassroots")).mapToLong(Map.Entry::getValue).sum();
        Assertions.assertThat(parts).as("every fen collected appears once among its parts").isEqualTo(collected);
        Assertions.assertThat(f.getOrDefault("share:TOWN", 0L)).isEqualTo(number("select coalesce(sum(l.amount_fen), 0) from journal_leg l"
                + " join journal_entry e on e.id = l.entry_id" + subtree + " and e.kind = 'REBATE' and l.purpose = 'UPPER_SHARE'"
                + " and l.org_id = 902 and l.side = 'C'"));
        given().when().get("/api/dues/public/orgs/902/money-flow.svg?period=2026-13").then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().when().get("/api/dues/public/orgs/999999/money-flow.svg").then().statusCode(404);
    }
}
