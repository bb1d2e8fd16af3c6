package io.gucun.membership.member;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Valid, distinct resident ID numbers, mobiles and credit codes for tests. */
final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 5_000_000));
    private static final AtomicLong NEXT_MOBILE = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 50_000_000));

    private TestIds() {
    }

    /** A valid 18-character number from Chaoyang, Beijing (110105), distinct within a run. */
    static String idNumber() {
        long n = NEXT.incrementAndGet();
        LocalDate birth = LocalDate.of(1965, 1, 1).plusDays(n / 1000);
        String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A valid mainland mobile (China Mobile 138 prefix). */
    static String mobile() {
        return "138" + String.format("%08d", NEXT_MOBILE.incrementAndGet() % 100_000_000);
    }

    /** A valid Unified Social Credit Code of an enterprise in Baoshan, Shanghai. */
    static String creditCode() {
        String org8 = String.format("%08d", ThreadLocalRandom.current().nextInt(0, 100_000_000));
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (org8.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        String org9 = org8 + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
        String first17 = "91" + "310113" + org9;
        String code = first17 + CreditCode.checkCharacter(first17);
        if (!CreditCode.isValid(code)) {
            throw new IllegalStateException("generated an invalid credit code");
        }
        return code;
    }

    /** The same number with a wrong check character. */
    static String withWrongCheck(String idNumber) {
        char right = idNumber.charAt(17);
        char wrong = right == '1' ? '2' : '1';
        return idNumber.substring(0, 17) + wrong;
    }
}
