package io.gucun.membership.member;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * A member's mobile number, validated with libphonenumber. Numbers without a country code are read as
 * mainland China (+86); other regions (a Hong Kong or Macao resident's phone) need their {@code +} prefix.
 * Stored normalized as E.164 ({@code +8613800138000}), shown masked ({@code 138****8000}).
 * Like the resident ID it is personal data: {@link #toString()} never shows it.
 */
public final class MobileNumber {

    public static final String DEFAULT_REGION = "CN";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String e164;
    private final int countryCode;
    private final String national;

    private MobileNumber(String e164, int countryCode, String national) {
        this.e164 = e164;
        this.countryCode = countryCode;
        this.national = national;
    }

    /** Empty when valid, else a reason fit for an API error message (never quoting the number). */
    public static Optional<String> problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("is required");
        }
        if (raw.length() > 32) {
            return Optional.of("is too long to be a phone number");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.trim(), DEFAULT_REGION);
        } catch (NumberParseException e) {
            return Optional.of("is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            return Optional.of("is not a valid phone number");
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return Optional.of("must be a mobile number");
        }
        return Optional.empty();
    }

    public static boolean isValid(String raw) {
        return problemWith(raw).isEmpty();
    }

    /** Parses and validates; the exception message says what is wrong, never the number. */
    public static MobileNumber of(String raw) {
        problemWith(raw).ifPresent(problem -> {
            throw new IllegalArgumentException("mobile " + problem);
        });
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), DEFAULT_REGION);
            return new MobileNumber(UTIL.format(number, PhoneNumberFormat.E164), number.getCountryCode(),
                    UTIL.getNationalSignificantNumber(number));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("mobile is not a phone number");
        }
    }

    /** The canonical form stored (encrypted) and hashed. */
    public String e164() {
        return e164;
    }

    /**
     * Mainland numbers as {@code 138****8000}: the carrier prefix and the last four digits. Other regions keep
     * their country code and the last four digits ({@code +852 ****5678}).
     */
    public String masked() {
        if (countryCode == 86 && national.length() == 11) {
            return national.substring(0, 3) + "****" + national.substring(7);
        }
        String tail = national.length() > 4 ? national.substring(national.length() - 4) : "";
        return "+" + countryCode + " " + "*".repeat(Math.max(4, national.length() - tail.length())) + tail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MobileNumber other && other.e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
