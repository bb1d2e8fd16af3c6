package io.gucun.bench.data;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import java.time.LocalDate;

/**
 * Valid, distinct identifiers by number, so generated data passes the services' own validation and n always gives the
 * same value (a rerun loads the same people).
 */
final class DataIds {

    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    private static final LocalDate FIRST_BIRTHDAY = LocalDate.of(1960, 1, 1);
    static final String REGION = "310114";

    private DataIds() {
    }

    /**
     * Resident ID number n (0 ≤ n < 16.9 M): a Jiading (310114) resident born on day n / 1000 after 1960-01-01, sequence
     * n % 1000, with its GB 11643 check character. Not Baoshan: the registrations of P3 and P4 are Baoshan residents born
     * 1970–1999 ({@code BenchApi.residentId}), which 10 M generated members would otherwise meet on the unique ID hash.
     */
    static String idNumber(long n) {
        LocalDate born = FIRST_BIRTHDAY.plusDays(n / 1000);
        StringBuilder sb = new StringBuilder(18).append(REGION).append(born.getYear());
        two(sb, born.getMonthValue());
        two(sb, born.getDayOfMonth());
        long seq = n % 1000;
        sb.append(seq < 100 ? (seq < 10 ? "00" : "0") : "").append(seq);
        return sb.append(ResidentIdNumber.checkCharacter(sb.toString())).toString();
    }

    /** Unified Social Credit Code n (0 ≤ n < 100 M): an enterprise (91) of Baoshan with organization code n. */
    static String creditCode(long n) {
        String org8 = String.format("%08d", n);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (org8.charAt(i) - '0') * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        String first17 = "91310113" + org8 + (check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check));
        return first17 + CreditCode.checkCharacter(first17);
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }
}
