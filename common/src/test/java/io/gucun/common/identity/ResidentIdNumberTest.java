package io.gucun.common.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    // The worked example of GB 11643-1999.
    private static final String SAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardsExampleAndReadsItsParts() {
        ResidentIdNumber id = ResidentIdNumber.of(SAMPLE);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.regionCode()).isEqualTo("110105");
        assertThat(id.isMale()).isFalse();
    }

    @Test
    void lowerCaseCheckCharacterIsNormalized() {
        assertThat(ResidentIdNumber.of("11010519491231002x").value()).isEqualTo(SAMPLE);
    }

    @Test
    void computesTheMod11CheckCharacter() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        String first17 = "44030619900101123";
        String valid = first17 + ResidentIdNumber.checkCharacter(first17);
        assertThat(ResidentIdNumber.isValid(valid)).isTrue();
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThat(ResidentIdNumber.problemWith("110105194912310021")).contains("has a wrong check character");
    }

    @Test
    void rejectsImpossibleBirthDates() {
        assertThat(ResidentIdNumber.problemWith(withCheck("11010519490231002"))).contains("has an invalid birth date");
        assertThat(ResidentIdNumber.problemWith(withCheck("11010518990101002"))).contains("has an invalid birth date");
        String future = "110105" + LocalDate.now().plusYears(1).getYear() + "0101002";
        assertThat(ResidentIdNumber.problemWith(withCheck(future))).contains("has an invalid birth date");
    }

    @Test
    void rejectsUnknownRegionsWrongLengthAndLetters() {
        assertThat(ResidentIdNumber.problemWith(withCheck("99010519491231002"))).contains("has an unknown region code");
        assertThat(ResidentIdNumber.problemWith("1101051949123100")).contains("must be 18 characters");
        assertThat(ResidentIdNumber.problemWith("11010519491231A02X")).contains("must be 17 digits followed by a digit or X");
        assertThat(ResidentIdNumber.problemWith(" ")).contains("is required");
    }

    @Test
    void masksAllButRegionAndLastFour() {
        assertThat(ResidentIdNumber.mask(SAMPLE)).isEqualTo("110105********002X");
        assertThat(ResidentIdNumber.of(SAMPLE).toString()).isEqualTo("110105********002X");
    }

    @Test
    void errorMessagesNeverQuoteTheNumber() {
        assertThatThrownBy(() -> ResidentIdNumber.of("110105194912310021"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("1101051949");
    }

    private static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }
}
