package io.gucun.common.identity;

import io.gucun.common.time.BusinessTime;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * An 18-character resident identity number (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and a MOD 11-2 check character (0-9 or X).
 * Validation is pure so it can run anywhere the number arrives (API, partner files, sign-up stalls).
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    /** Province-level prefixes of GB/T 2260 plus Taiwan (71), Hong Kong (81), Macao (82) and 83 for residence permits. */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    /** A value check has no injected clock; "born in the future" is judged to the day, in the default business zone. */
    private static final ZoneId BIRTH_DATE_ZONE = ZoneId.of(BusinessTime.DEFAULT_ZONE);

    private final String value;

    private ResidentIdNumber(String value) {
        this.value = value;
    }

    /** Parses and validates; throws {@link IllegalArgumentException} whose message says what is wrong (never the number). */
    public static ResidentIdNumber of(String raw) {
        problemWith(raw).ifPresent(problem -> {
            throw new IllegalArgumentException("resident ID number " + problem);
        });
        return new ResidentIdNumber(normalize(raw));
    }

    public static boolean isValid(String raw) {
        return problemWith(raw).isEmpty();
    }

    /** Upper-cases a trailing x and trims; the canonical form stored and hashed. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.trim().toUpperCase();
    }

    /** Empty when valid, else a reason fit for an API error message. */
    public static Optional<String> problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("is required");
        }
        String s = normalize(raw);
        if (s.length() != 18) {
            return Optional.of("must be 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return Optional.of("must be 17 digits followed by a digit or X");
            }
        }
        char last = s.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Optional.of("must be 17 digits followed by a digit or X");
        }
        if (!PROVINCES.contains(s.substring(0, 2))) {
            return Optional.of("has an unknown region code");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("has an invalid birth date");
        }
        if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(LocalDate.now(BIRTH_DATE_ZONE))) {
            return Optional.of("has an invalid birth date");
        }
        if (checkCharacter(s) != last) {
            return Optional.of("has a wrong check character");
        }
        return Optional.empty();
    }

    /** The MOD 11-2 check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Shows region and check character only: {@code 110105********123X} keeps the first 6 and last 4. */
    public static String mask(String number) {
        if (number == null || number.length() < 10) {
            return "******";
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    public String value() {
        return value;
    }

    public String masked() {
        return mask(value);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    public String regionCode() {
        return value.substring(0, 6);
    }

    /** GB 11643: the 17th digit is odd for men, even for women. */
    public boolean isMale() {
        return (value.charAt(16) - '0') % 2 == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidentIdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never the number itself, so an accidental log line leaks nothing. */
    @Override
    public String toString() {
        return masked();
    }
}
