package io.gucun.outreach.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FoundingTargetRuleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private final FoundingTargetRule jiangxi = new FoundingTargetRule(25, 1, LocalDate.of(2017, 1, 1));

    @Test
    void twentyFiveEmployeesAndOneYearWithoutAUnionMakeATarget() {
        assertThat(jiangxi.isTarget(25, LocalDate.of(2025, 11, 24), false, TODAY)).isTrue();
        assertThat(jiangxi.isTarget(24, LocalDate.of(2020, 1, 1), false, TODAY)).isFalse();
        assertThat(jiangxi.isTarget(200, LocalDate.of(2025, 11, 25), false, TODAY)).as("one day short of a year").isFalse();
        assertThat(jiangxi.isTarget(200, LocalDate.of(2020, 1, 1), true, TODAY)).as("has a union").isFalse();
        assertThat(jiangxi.isTarget(200, null, false, TODAY)).as("age unknown").isFalse();
    }

    @Test
    void thresholdsAreConfigurable() {
        FoundingTargetRule strict = new FoundingTargetRule(100, 3, LocalDate.of(2026, 1, 1));
        assertThat(strict.establishedBy(TODAY)).isEqualTo(LocalDate.of(2023, 11, 24));
        assertThat(strict.isTarget(99, LocalDate.of(2010, 1, 1), false, TODAY)).isFalse();
        assertThatThrownBy(() -> new FoundingTargetRule(0, 1, TODAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FoundingTargetRule(25, 1, null)).as("a policy is dated").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallGroupsAreSuppressed() {
        Suppression s = new Suppression(10);
        assertThat(s.show(3, 9)).isNull();
        assertThat(s.show(3, 10)).isEqualTo(3L);
    }
}
