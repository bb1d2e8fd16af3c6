package io.gucun.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinPolicyTermsTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    @Test
    void aPolicyIsInForceFromItsFirstDayUpToButNotIncludingValidTo() {
        JoinPolicyTerms p = new JoinPolicyTerms(1, true, JAN_1, LocalDate.of(2026, 7, 1));
        assertThat(p.inForceOn(JAN_1.minusDays(1))).isFalse();
        assertThat(p.inForceOn(JAN_1)).isTrue();
        assertThat(p.inForceOn(LocalDate.of(2026, 6, 30))).isTrue();
        assertThat(p.inForceOn(LocalDate.of(2026, 7, 1))).isFalse();
        assertThat(new JoinPolicyTerms(2, true, JAN_1, null).inForceOn(LocalDate.of(2099, 1, 1))).isTrue();
    }

    @Test
    void withoutAPolicyInForceApplicationsWaitForAnOfficer() {
        assertThat(JoinPolicyTerms.autoApproves(List.of(), JAN_1)).isFalse();
        assertThat(JoinPolicyTerms.autoApproves(List.of(new JoinPolicyTerms(1, true, JAN_1.plusDays(1), null)), JAN_1))
                .isFalse();
    }

    @Test
    void theLatestStartedPolicyInForceWins() {
        JoinPolicyTerms open = new JoinPolicyTerms(1, true, LocalDate.of(2025, 1, 1), null);
        JoinPolicyTerms stricter = new JoinPolicyTerms(2, false, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
        List<JoinPolicyTerms> both = List.of(open, stricter);
        assertThat(JoinPolicyTerms.autoApproves(both, LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(JoinPolicyTerms.autoApproves(both, LocalDate.of(2026, 3, 15))).isFalse();
        assertThat(JoinPolicyTerms.inForce(both, LocalDate.of(2026, 3, 15))).contains(stricter);
        // When the stricter one expires, the open-ended one applies again.
        assertThat(JoinPolicyTerms.autoApproves(both, LocalDate.of(2026, 4, 1))).isTrue();
    }

    @Test
    void onTheSameStartDayTheOneCreatedLastWins() {
        JoinPolicyTerms first = new JoinPolicyTerms(5, true, JAN_1, null);
        JoinPolicyTerms second = new JoinPolicyTerms(9, false, JAN_1, null);
        assertThat(JoinPolicyTerms.inForce(List.of(second, first), JAN_1)).contains(second);
    }
}
