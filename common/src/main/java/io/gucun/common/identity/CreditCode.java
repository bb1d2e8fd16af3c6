package io.gucun.common.identity;

import java.util.Optional;

/**
 * The 18-character Unified Social Credit Code of an enterprise or other organization (GB 32100-2015):
 * registration authority, organization category, 6-digit region code, 9-character organization code
 * (GB 11714, with its own check character) and a MOD 31 check character over the first 17.
 */
public final class CreditCode {

    /** The 31 characters allowed: digits and upper-case letters without I, O, S, V, Z. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CreditCode() {
    }

    public static String normalize(String raw) {
        return raw == null ? null : raw.trim().toUpperCase();
    }

    public static boolean isValid(String raw) {
        return problemWith(raw).isEmpty();
    }

    public static Optional<String> problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("is required");
        }
        String s = normalize(raw);
        if (s.length() != 18) {
            return Optional.of("must be 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return Optional.of("may contain only digits and the letters A-H, J-N, P-R, T, U, W-Y");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return Optional.of("must have a 6-digit region code in positions 3-8");
            }
        }
        if (!organizationCodeValid(s.substring(8, 17))) {
            return Optional.of("has a wrong organization code check character");
        }
        if (checkCharacter(s) != s.charAt(17)) {
            return Optional.of("has a wrong check character");
        }
        return Optional.empty();
    }

    /** The MOD 31 check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714 check of the embedded 9-character organization code: MOD 11, check 10 written as X. */
    static boolean organizationCodeValid(String code) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = code.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
        return code.charAt(8) == expected;
    }
}
