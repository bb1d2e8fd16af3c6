package io.gucun.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.OrgKind;
import io.gucun.membership.org.UnionOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateTransitionsTest {

    @ParameterizedTest
    @EnumSource(value = ApplicationStatus.class, names = {"APPROVED", "REJECTED", "WITHDRAWN"})
    void aPendingApplicationCanBeDecidedOnce(ApplicationStatus outcome) {
        assertThat(ApplicationStatus.PENDING.decide(outcome)).isEqualTo(outcome);
        for (ApplicationStatus again : new ApplicationStatus[] {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED,
                ApplicationStatus.WITHDRAWN}) {
            assertThatThrownBy(() -> outcome.decide(again))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.type()).isEqualTo("application-decided");
                    });
        }
    }

    @Test
    void pendingIsNoDecision() {
        assertThatThrownBy(() -> ApplicationStatus.PENDING.decide(ApplicationStatus.PENDING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransferStatus.PENDING.decide(TransferStatus.PENDING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = TransferStatus.class, names = {"ACCEPTED", "REJECTED", "CANCELLED"})
    void aPendingTransferCanBeDecidedOnce(TransferStatus outcome) {
        assertThat(TransferStatus.PENDING.decide(outcome)).isEqualTo(outcome);
        assertThatThrownBy(() -> outcome.decide(TransferStatus.ACCEPTED))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("transfer-decided");
                });
    }

    @Test
    void onlyActiveMembersHoldAMembershipAndOnlyNonMembersCanJoin() {
        assertThat(MemberStatus.REGISTERED.canJoin()).isTrue();
        assertThat(MemberStatus.LEFT.canJoin()).isTrue();
        assertThat(MemberStatus.ACTIVE.canJoin()).isFalse();
        assertThat(MemberStatus.ACTIVE.holdsMembership()).isTrue();
        assertThat(MemberStatus.REGISTERED.holdsMembership()).isFalse();
        assertThat(MemberStatus.LEFT.holdsMembership()).isFalse();
    }

    @Test
    void workersJoinEnterpriseJointOrTownUnionsThatAreOpen() {
        for (OrgKind kind : new OrgKind[] {OrgKind.ENTERPRISE, OrgKind.JOINT_AREA, OrgKind.JOINT_INDUSTRY, OrgKind.TOWN}) {
            JoinRules.requireJoinable(7, kind, UnionOrg.Status.ACTIVE, "orgId");
        }
        for (OrgKind kind : new OrgKind[] {OrgKind.NATIONAL, OrgKind.PROVINCE, OrgKind.CITY, OrgKind.DISTRICT}) {
            assertThatThrownBy(() -> JoinRules.requireJoinable(7, kind, UnionOrg.Status.ACTIVE, "orgId"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("orgId");
                    });
        }
        assertThatThrownBy(() -> JoinRules.requireJoinable(7, OrgKind.ENTERPRISE, UnionOrg.Status.CLOSED, "toOrgId"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.type()).isEqualTo("org-closed");
                });
        assertThatThrownBy(() -> JoinRules.requireJoinable(null, 99L, "orgId"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
