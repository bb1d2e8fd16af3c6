package io.gucun.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.bench.BenchApi;
import io.gucun.common.identity.ResidentIdNumber;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataIdsTest {

    @Test
    void generatedMembersAreValidDistinctAndNeverAPersonTheRegistrationFiguresRegister() {
        Set<String> generated = new HashSet<>();
        for (long n : new long[] {0, 1, 999, 1000, 5_000_000, 9_999_999, 16_000_000}) {
            String id = DataIds.idNumber(n);
            assertThat(ResidentIdNumber.of(id).value()).isEqualTo(id);
            assertThat(generated.add(id)).as(id).isTrue();
        }
        // P3 and P4 register through the API before P8 loads its 10 M members into the same table
        for (int i = 0; i < 10_000; i++) {
            String registered = BenchApi.nextResidentId();
            assertThat(registered.substring(0, 6)).isNotEqualTo(DataIds.REGION);
        }
    }
}
