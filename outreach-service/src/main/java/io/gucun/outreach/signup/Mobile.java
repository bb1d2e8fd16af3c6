package io.gucun.outreach.signup;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * A mobile number left at a stall, checked with libphonenumber the way membership-service checks it (no country code
 * means mainland China), so a sign-up that passes here is not refused there. Only its masked form is kept here.
 */
@Constraint(validatedBy = Mobile.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Mobile {

    String message() default "is not a valid mobile number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The checks behind the constraint, usable without Bean Validation. */
    final class Rules {
    private Rules() {
    }

    /** Empty when the number is a valid mobile, else why not (never quoting the number). */
    public static Optional<String> problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("is required");
        }
        if (raw.length() > 32) {
            return Optional.of("is too long to be a phone number");
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber n = util.parse(raw.trim(), "CN");
            if (!util.isValidNumber(n)) {
                return Optional.of("is not a valid phone number");
            }
            PhoneNumberType type = util.getNumberType(n);
            return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE
                    ? Optional.empty() : Optional.of("must be a mobile number");
        } catch (NumberParseException e) {
            return Optional.of("is not a phone number");
        }
    }

    /** {@code 138****8000} for mainland numbers; elsewhere the last four digits only. */
    public static String mask(String raw) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber n = util.parse(raw.trim(), "CN");
            String national = util.getNationalSignificantNumber(n);
            if (n.getCountryCode() == 86 && national.length() == 11) {
                return national.substring(0, 3) + "****" + national.substring(7);
            }
            return "+" + n.getCountryCode() + " ****" + national.substring(Math.max(0, national.length() - 4));
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("mobile is not a phone number");
        }
    }

    }

    class Validator implements ConstraintValidator<Mobile, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            return Rules.problemWith(value).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
