package io.gucun.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The generated identities pass the services' own validation. */
class TestIdsTest {

    @Test
    void idNumbersAreValidDistinctAndFromChaoyang() {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 2000).forEach(i -> {
            String id = TestIds.idNumber();
            assertThat(ResidentIdNumber.isValid(id)).as(id).isTrue();
            assertThat(id).startsWith("110105");
            assertThat(seen.add(id)).as("repeated " + id).isTrue();
        });
        assertThat(ResidentIdNumber.isValid(TestIds.withWrongCheck(TestIds.idNumber()))).isFalse();
    }

    @Test
    void creditCodesAreValidForEveryCheckCharacter() {
        IntStream.range(0, 2000).forEach(n -> assertThat(CreditCode.isValid(TestIds.creditCode(n))).as("n=" + n).isTrue());
        assertThat(TestIds.creditCode(42)).isEqualTo(TestIds.creditCode(42));
    }
}
