package io.gucun.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MobileNumberTest {

    @Test
    void mainlandNumbersAreNormalizedToE164AndMasked() {
        MobileNumber n = MobileNumber.of("138 0013 8000");
        assertThat(n.e164()).isEqualTo("+8613800138000");
        assertThat(n.masked()).isEqualTo("138****8000");
        assertThat(MobileNumber.of("+86 138-0013-8000")).isEqualTo(n);
        assertThat(MobileNumber.of("008613800138000").e164()).isEqualTo("+8613800138000");
    }

    @Test
    void otherRegionsNeedTheirCountryCodeAndKeepItWhenMasked() {
        MobileNumber hk = MobileNumber.of("+852 6123 4567");
        assertThat(hk.e164()).isEqualTo("+85261234567");
        assertThat(hk.masked()).isEqualTo("+852 ****4567");
    }

    @Test
    void invalidNumbersSayWhatIsWrongWithoutQuotingTheNumber() {
        assertThat(MobileNumber.problemWith(null)).contains("is required");
        assertThat(MobileNumber.problemWith("  ")).contains("is required");
        assertThat(MobileNumber.problemWith("not a phone")).isPresent();
        assertThat(MobileNumber.problemWith("1380013800")).contains("is not a valid phone number");
        assertThat(MobileNumber.problemWith("12345678901")).contains("is not a valid phone number");
        // A Beijing landline is a valid number but not a mobile.
        assertThat(MobileNumber.problemWith("010 6552 9988")).contains("must be a mobile number");
        assertThat(MobileNumber.problemWith("1".repeat(40))).contains("is too long to be a phone number");
        assertThatThrownBy(() -> MobileNumber.of("1380013800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("1380013800");
    }

    @Test
    void toStringNeverShowsTheNumber() {
        assertThat(MobileNumber.of("13800138000").toString()).isEqualTo("138****8000");
    }
}
