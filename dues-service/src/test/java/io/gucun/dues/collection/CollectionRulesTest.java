package io.gucun.dues.collection;

import io.gucun.events.membership.OrgKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.replica.KnownOrg;
import io.gucun.dues.collection.CollectionRules.RawRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionRulesTest {

    private static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final String CODE = "91310113MA1GL3XKX1";

    @Test
    void theDefaultAmountIsTwoPercentOfThePayrollRoundedHalfUp() {
        assertThat(CollectionRules.expectedAmount(30_000_000)).isEqualTo(600_000);
        assertThat(CollectionRules.expectedAmount(125)).isEqualTo(3);   // 2.5 fen → 3
        assertThat(CollectionRules.expectedAmount(124)).isEqualTo(2);   // 2.48 fen → 2
        assertThat(CollectionRules.expectedAmount(1)).isEqualTo(0);
    }

    @Test
    void aRecordWithoutAnAmountIsChargedTwoPercentAndNotFlagged() {
        var r = CollectionRules.check(new RawRow(2, CODE.toLowerCase(), "2026-10", "300000.00", null, " REF-1 "), NOV_2026);
        assertThat(r.ok()).isTrue();
        assertThat(r.row().amountFen()).isEqualTo(600_000);
        assertThat(r.row().flagged()).isFalse();
        assertThat(r.row().creditCode()).isEqualTo(CODE);
        assertThat(r.row().partnerReference()).isEqualTo("REF-1");
    }

    @Test
    void anotherAmountIsAcceptedButFlagged() {
        var r = CollectionRules.check(new RawRow(2, CODE, "2026-10", "300000.00", "5000.00", "REF-2"), NOV_2026);
        assertThat(r.row().amountFen()).isEqualTo(500_000);
        assertThat(r.row().expectedFen()).isEqualTo(600_000);
        assertThat(r.row().flagged()).isTrue();
    }

    @Test
    void everyBadFieldIsNamed() {
        var r = CollectionRules.check(new RawRow(7, "91310113MA1GL3XKX2", "2026-13", "-5", "0", ""), NOV_2026);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(FieldError::field)
                .containsExactly("creditCode", "period", "payrollBase", "amount", "partnerReference");
        assertThat(r.errors().getFirst().message()).contains("check character");
    }

    @Test
    void theTownAboveTheEnterpriseCollectsElseTheDistrictElseItsOwnOrg() {
        KnownOrg district = org(3, "DISTRICT");
        KnownOrg town = org(11, "TOWN");
        KnownOrg park = org(12, "JOINT_AREA");
        assertThat(CollectionRules.collectingOrg(List.of(org(1, "NATIONAL"), district, town, park))).contains(town);
        assertThat(CollectionRules.collectingOrg(List.of(org(1, "NATIONAL"), district, park))).contains(district);
        assertThat(CollectionRules.collectingOrg(List.of(org(1, "NATIONAL"), park))).contains(park);
        assertThat(CollectionRules.collectingOrg(List.of())).isEmpty();
    }

    private static KnownOrg org(long id, String kind) {
        KnownOrg o = new KnownOrg();
        o.id = id;
        o.kind = OrgKind.valueOf(kind);
        o.path = "1." + id;
        o.name = kind;
        return o;
    }

    @Test
    void csvRecordsKeepTheirLineNumbers() {
        List<RawRow> rows = csv("\uFEFFcreditCode,period,payrollBase,amount,partnerReference\n"
                + CODE + ",2026-10,300000.00,,R1\n\n"
                + "\"" + CODE + "\",2026-09,1000.00,20.00,\"R,2\"\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(rows.get(0).amount()).isEmpty();
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(1).partnerReference()).isEqualTo("R,2");
    }

    @Test
    void aCsvFileWithoutTheRequiredColumnsIsRefusedNamingTheHeader() {
        assertThatThrownBy(() -> csv("creditCode,period\n" + CODE + ",2026-10\n"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("header"))
                .hasMessageContaining("partnerReference").hasMessageContaining("payrollBase");
    }

    @Test
    void jsonRecordsStreamOneElementAtATimeWithTheirPositions() {
        List<RawRow> rows = new java.util.ArrayList<>();
        JsonRecords.read(new com.fasterxml.jackson.databind.ObjectMapper(), bytes("[{\"creditCode\":\"" + CODE
                + "\",\"period\":\"2026-10\",\"payrollBase\":\"1.00\",\"partnerReference\":\"R1\"}, null]"), rows::add);
        assertThat(rows).extracting(RawRow::line).containsExactly(1, 2);
        assertThat(rows.get(1).creditCode()).isNull();
        assertThatThrownBy(() -> JsonRecords.read(new com.fasterxml.jackson.databind.ObjectMapper(), bytes("{}"), r -> { }))
                .isInstanceOf(ApiException.class).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> JsonRecords.read(new com.fasterxml.jackson.databind.ObjectMapper(), bytes("[{}, 7]"), r -> { }))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("[2]"));
    }

    @Test
    void countsTellPostedAndSuspendedFromDuplicatesAndRejects() {
        List<CollectionDtos.RowResult> results = List.of(result(CollectionDtos.RowStatus.POSTED, true),
                result(CollectionDtos.RowStatus.SUSPENDED, true), result(CollectionDtos.RowStatus.DUPLICATE, false),
                result(CollectionDtos.RowStatus.REJECTED, false), result(CollectionDtos.RowStatus.POSTED, false));
        // a suspended record is posted (to suspense) but its flag is not counted: it awaits the firm's registration
        assertThat(CollectionDtos.Counts.of(results)).isEqualTo(new CollectionDtos.Counts(3, 1, 1, 1));
    }

    private static CollectionDtos.RowResult result(CollectionDtos.RowStatus status, boolean flagged) {
        return new CollectionDtos.RowResult(1, "R", status, flagged, null, null, null, null, null, List.of());
    }

    private static List<RawRow> csv(String text) {
        List<RawRow> rows = new java.util.ArrayList<>();
        CsvRecords.read(bytes(text), rows::add);
        return rows;
    }

    private static java.io.InputStream bytes(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
