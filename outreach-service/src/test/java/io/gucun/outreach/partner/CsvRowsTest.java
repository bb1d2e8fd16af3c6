package io.gucun.outreach.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.testsupport.TestIds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    @Test
    void theHeaderMustBeExactlyTheKindsColumns() {
        assertThat(CsvRows.headerProblem("person_id,employer_uscc,insured_since,status", ImportKind.SOCIAL_INSURANCE)).isEmpty();
        assertThat(CsvRows.headerProblem("\uFEFF\"PERSON_ID\", employer_uscc,insured_since,status", ImportKind.SOCIAL_INSURANCE)).isEmpty();
        assertThat(CsvRows.headerProblem("enterprise_uscc,headcount,payroll,period", ImportKind.SOCIAL_INSURANCE))
                .hasValueSatisfying(p -> assertThat(p).contains("wrong columns").contains("person_id,employer_uscc"));
        assertThat(CsvRows.headerProblem("", ImportKind.TAX)).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(CsvRows.headerProblem("{\"rows\": []}", ImportKind.TAX)).isPresent();
    }

    @Test
    void aGoodInsuranceRowIsNormalised() {
        String id = TestIds.idNumber(42).toLowerCase();
        String uscc = TestIds.creditCode(1234);
        var p = CsvRows.insured(row(id + "," + uscc + ",2020-03-01,active"), TODAY);
        assertThat(p.reason()).isNull();
        assertThat(p.row()).isEqualTo(new CsvRows.Insured(id.toUpperCase(), uscc, LocalDate.of(2020, 3, 1), "ACTIVE"));
    }

    @Test
    void badInsuranceRowsSayWhyWithoutQuotingTheNumber() {
        String id = TestIds.idNumber(43);
        String wrong = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
        String uscc = TestIds.creditCode(1235);
        assertThat(CsvRows.insured(row(wrong + "," + uscc + ",2020-03-01,ACTIVE"), TODAY).reason())
                .isEqualTo("person_id has a wrong check character").doesNotContain(wrong);
        assertThat(CsvRows.insured(row(id + ",91310113XXXXXXXXXX,2020-03-01,ACTIVE"), TODAY).reason()).startsWith("employer_uscc");
        assertThat(CsvRows.insured(row(id + "," + uscc + ",01/03/2020,ACTIVE"), TODAY).reason()).startsWith("insured_since");
        assertThat(CsvRows.insured(row(id + "," + uscc + ",2027-01-01,ACTIVE"), TODAY).reason()).contains("future");
        assertThat(CsvRows.insured(row(id + "," + uscc + ",2020-03-01,MAYBE"), TODAY).reason()).startsWith("status");
        assertThat(CsvRows.insured(row(id + "," + uscc), TODAY).reason()).isEqualTo("expected 4 columns, found 2");
    }

    @Test
    void taxRowsKeepExactMoneyAndRefuseBadOnes() {
        String uscc = TestIds.creditCode(77);
        var ok = CsvRows.tax(row(uscc + ",86,1234567.89,2026-10"), MONTH);
        assertThat(ok.row()).isEqualTo(new CsvRows.Tax(uscc, 86, new BigDecimal("1234567.89"), "2026-10"));
        assertThat(CsvRows.tax(row(uscc + ",-1,10,2026-10"), MONTH).reason()).startsWith("headcount");
        assertThat(CsvRows.tax(row(uscc + ",8,10.001,2026-10"), MONTH).reason()).startsWith("payroll");
        assertThat(CsvRows.tax(row(uscc + ",8,abc,2026-10"), MONTH).reason()).startsWith("payroll");
        assertThat(CsvRows.tax(row(uscc + ",8,10,2026-13"), MONTH).reason()).startsWith("period");
        assertThat(CsvRows.tax(row(uscc + ",8,10,2027-01"), MONTH).reason()).contains("future");
    }

    @Test
    void aLineIsReadWithQuotesAndAMalformedLineIsRejectedAlone() {
        assertThat(CsvRows.fields(" \"c,d\" , e").row()).containsExactly("c,d", "e");
        assertThat(CsvRows.fields("a,\"b").reason()).startsWith("the line is not CSV");
        assertThat(CsvRows.fields("a," + "x".repeat(100_000)).reason()).startsWith("the line is not CSV");
    }

    /** One line as the import reads it. */
    private static List<String> row(String line) {
        return CsvRows.fields(line).row();
    }
}
