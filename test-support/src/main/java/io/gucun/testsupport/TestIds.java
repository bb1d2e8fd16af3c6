package io.gucun.testsupport;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Valid, distinct resident ID numbers, mobiles and credit codes for tests. */
public final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 5_000_000));
    private static final AtomicLong NEXT_MOBILE = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 50_000_000));

    private TestIds() {
    }

    /** A valid 18-character number from Chaoyang, Beijing (110105), distinct within a run. */
    public static String idNumber() {
        return idNumber(NEXT.incrementAndGet());
    }

    /** The n-th valid number of a deterministic series (born 1965 to 2006, region 110105). */
    public static String idNumber(long n) {
        LocalDate birth = LocalDate.of(1965, 1, 1).plusDays(n / 1000 % 15000);
        String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", n % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** The same number with a wrong check character. */
    public static String withWrongCheck(String idNumber) {
        char right = idNumber.charAt(17);
        char wrong = right == '1' ? '2' : '1';
        return idNumber.substring(0, 17) + wrong;
    }

    /** A valid mainland mobile (China Mobile 138 prefix), distinct within a run. */
    public static String mobile() {
        return "138" + String.format("%08d", NEXT_MOBILE.incrementAndGet() % 100_000_000);
    }

    /** A valid Unified Social Credit Code of an enterprise in Baoshan, Shanghai. */
    public static String creditCode() {
        return creditCode(ThreadLocalRandom.current().nextInt(0, 100_000_000));
    }

    /** A valid Unified Social Credit Code (GB 32100) of an enterprise in Baoshan, both check characters computed from n. */
    public static String creditCode(long n) {
        String org8 = String.format("%08d", n % 100_000_000L);
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (org8.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        String first17 = "91310113" + org8 + (check == 10 ? "X" : check == 11 ? "0" : String.valueOf(check));
        return first17 + CreditCode.checkCharacter(first17);
    }
}
