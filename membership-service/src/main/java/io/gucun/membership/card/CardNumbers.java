package io.gucun.membership.card;

/**
 * Service card numbers: 19 digits = issuer prefix {@value #ISSUER_PREFIX} + 6 digits of the issuing org id (mod 10^6)
 * + an 8-digit sequence number + a Luhn (ISO/IEC 7812) check digit. Shown in full to the member, masked to others.
 */
public final class CardNumbers {

    public static final String ISSUER_PREFIX = "6210";
    public static final int LENGTH = 19;

    private CardNumbers() {
    }

    /** The number for a card issued by org {@code orgId} with sequence value {@code sequence} (1..99,999,999). */
    public static String compose(long orgId, long sequence) {
        if (orgId < 0 || sequence < 0 || sequence > 99_999_999L) {
            throw new IllegalArgumentException("org id and sequence must be non-negative, sequence at most 8 digits");
        }
        String first18 = ISSUER_PREFIX + String.format("%06d%08d", orgId % 1_000_000L, sequence);
        return first18 + checkDigit(first18);
    }

    /** The Luhn check digit to append to {@code payload} (digits only). */
    public static char checkDigit(String payload) {
        int sum = 0;
        boolean doubleIt = true; // the rightmost payload digit is doubled once the check digit is appended
        for (int i = payload.length() - 1; i >= 0; i--) {
            char c = payload.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("a card number has only digits");
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** Whether {@code number} passes the Luhn check (any length of at least 2 digits). */
    public static boolean luhnValid(String number) {
        if (number == null || number.length() < 2 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return checkDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1);
    }

    /** Whether {@code number} is a well-formed service card number: 19 digits, our prefix, Luhn-valid. */
    public static boolean isValid(String number) {
        return number != null && number.length() == LENGTH && number.startsWith(ISSUER_PREFIX) && luhnValid(number);
    }

    /** E.g. {@code 6210 **** **** ***1234}: the prefix and the last four digits. */
    public static String masked(String number) {
        return number.substring(0, 4) + " **** **** ***" + number.substring(number.length() - 4);
    }

    /** E.g. {@code 6210 0000 4200 0000 017}. */
    public static String grouped(String number) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < number.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                b.append(' ');
            }
            b.append(number.charAt(i));
        }
        return b.toString();
    }
}
