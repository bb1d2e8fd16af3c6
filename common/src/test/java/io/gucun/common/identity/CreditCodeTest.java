package io.gucun.common.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void acceptsPublishedCodes() {
        assertThat(CreditCode.problemWith("914403001922038216")).isEmpty();
        assertThat(CreditCode.problemWith("9144030071526726XG")).isEmpty();
    }

    @Test
    void normalizesCase() {
        assertThat(CreditCode.isValid("9144030071526726xg")).isTrue();
    }

    @Test
    void computesTheMod31CheckCharacter() {
        assertThat(CreditCode.checkCharacter("91440300192203821")).isEqualTo('6');
        assertThat(CreditCode.checkCharacter("9144030071526726X")).isEqualTo('G');
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThat(CreditCode.problemWith("914403001922038217")).contains("has a wrong check character");
    }

    @Test
    void rejectsAWrongOrganizationCodeCheck() {
        String first17 = "91440300192203831";
        assertThat(CreditCode.problemWith(first17 + CreditCode.checkCharacter(first17)))
                .contains("has a wrong organization code check character");
    }

    @Test
    void rejectsLettersOutsideTheAlphabetAndWrongLength() {
        assertThat(CreditCode.problemWith("91440300192203821I")).get().asString().startsWith("may contain only");
        assertThat(CreditCode.problemWith("9144030019220382")).contains("must be 18 characters");
        assertThat(CreditCode.problemWith(null)).contains("is required");
    }
}
