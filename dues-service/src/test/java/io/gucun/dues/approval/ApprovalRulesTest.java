package io.gucun.dues.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

    @Test
    void onlyAnOrgStrictlyAboveTheScopeDecidesForIt() {
        assertThat(ApprovalRules.strictlyAbove("1.701", "1.701.702")).isTrue();
        assertThat(ApprovalRules.strictlyAbove("1.701", "1.701.702.703")).isTrue();
        assertThat(ApprovalRules.strictlyAbove("1.701.702", "1.701.702")).isFalse(); // the town for itself
        assertThat(ApprovalRules.strictlyAbove("1.701.702.703", "1.701.702")).isFalse();
        assertThat(ApprovalRules.strictlyAbove("1.70", "1.701.702")).isFalse();
        assertThat(ApprovalRules.strictlyAbove(null, "1.701")).isFalse();
        assertThatThrownBy(() -> ApprovalRules.requireAbove(false, Optional.of("1.701.702"), "1.701.702", "scopeOrgId"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("scopeOrgId"));
        assertThatCode(() -> ApprovalRules.requireAbove(true, Optional.empty(), "1", "scopeOrgId")).doesNotThrowAnyException();
        assertThat(Approvals.authorityOver("1.701.702")).isEqualTo("1.701");
        assertThat(Approvals.authorityOver("1")).isNull();
    }

    @Test
    void theOfficerWhoProposedCannotApprove() {
        assertThatThrownBy(() -> ApprovalRules.requireSecondOfficer("officer.district", "officer.district"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    assertThat(((ApiException) e).status()).isEqualTo(422);
                    assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("approver");
                });
        assertThatCode(() -> ApprovalRules.requireSecondOfficer("officer.district", "officer.city")).doesNotThrowAnyException();
    }
}
