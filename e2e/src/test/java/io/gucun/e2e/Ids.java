package io.gucun.e2e;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh, valid identifiers for end-to-end data, so runs never collide with "one person one member" or a unique
 * credit code: resident ID numbers (GB 11643, MOD 11-2) and Unified Social Credit Codes (GB 32100, MOD 31, with the
 * embedded GB 11714 organization code).
 */
public final class Ids {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Ids() {
    }

    /** Birth days are handed out in turn, so no two numbers of a run are the same person (10,950 before wrapping). */
    private static final AtomicLong NEXT_DAY = new AtomicLong(ThreadLocalRandom.current().nextInt(30 * 365));

    /** A Shanghai Baoshan (310113) resident born between 1970 and 1999, distinct within the run. */
    public static String residentId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate born = LocalDate.of(1970, 1, 1).plusDays(NEXT_DAY.getAndIncrement() % (30 * 365));
        String first17 = "310113" + born.toString().replace("-", "") + String.format("%03d", r.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + ID_CHECK[sum % 11];
    }

    /** An enterprise (91) registered in Baoshan (310113). */
    public static String creditCode() {
        return creditCodeIn("310113");
    }

    /** An enterprise (91) registered in the division {@code division} (six digits). */
    public static String creditCodeIn(String division) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String org8 = String.format("%08d", r.nextInt(100_000_000));
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (org8.charAt(i) - '0') * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        String first17 = "91" + division + org8 + (check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check));
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += USCC_ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        return first17 + USCC_ALPHABET.charAt((31 - total % 31) % 31);
    }

    /** A mainland mobile number (138xxxxxxxx). */
    public static String mobile() {
        return "138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
