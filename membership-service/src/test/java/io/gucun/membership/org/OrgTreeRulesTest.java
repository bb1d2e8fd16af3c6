package io.gucun.membership.org;

import io.gucun.events.membership.AreaType;
import io.gucun.events.membership.OrgKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import org.junit.jupiter.api.Test;

class OrgTreeRulesTest {

    @Test
    void aSubtreeMayMoveWhereItsKindMaySit() {
        assertThatCode(() -> OrgTreeRules.requireMovable("1.2.3.4", OrgKind.TOWN, "1.2.9", OrgKind.DISTRICT))
                .doesNotThrowAnyException();
        assertThatCode(() -> OrgTreeRules.requireMovable("1.2.3.4.5", OrgKind.JOINT_AREA, "1.2.3.7", OrgKind.TOWN))
                .doesNotThrowAnyException();
    }

    @Test
    void notUnderItselfOrItsDescendants() {
        assertThatThrownBy(() -> OrgTreeRules.requireMovable("1.2.3", OrgKind.DISTRICT, "1.2.3", OrgKind.DISTRICT))
                .satisfies(e -> assertField(e, 400, "parentId"));
        assertThatThrownBy(() -> OrgTreeRules.requireMovable("1.2.3", OrgKind.DISTRICT, "1.2.3.4.5", OrgKind.JOINT_AREA))
                .satisfies(e -> assertField(e, 400, "parentId"))
                .hasMessageContaining("descendants");
        // A sibling whose id starts with the same digits is not a descendant.
        assertThatCode(() -> OrgTreeRules.requireMovable("1.2.3", OrgKind.TOWN, "1.2.33", OrgKind.DISTRICT))
                .doesNotThrowAnyException();
    }

    @Test
    void notUnderAKindThatCannotContainIt() {
        assertThatThrownBy(() -> OrgTreeRules.requireMovable("1.2.3.4", OrgKind.TOWN, "1.2.8.9", OrgKind.JOINT_INDUSTRY))
                .satisfies(e -> assertField(e, 400, "parentId"))
                .hasMessage("parentId a TOWN cannot be placed under a JOINT_INDUSTRY");
        assertThatThrownBy(() -> OrgTreeRules.requireMovable("1.2.3.4", OrgKind.ENTERPRISE, "1.2.5", OrgKind.ENTERPRISE))
                .satisfies(e -> assertField(e, 400, "parentId"));
    }

    @Test
    void theRootStaysWhereItIs() {
        assertThatThrownBy(() -> OrgTreeRules.requireMovable("1", OrgKind.NATIONAL, "1.2", OrgKind.PROVINCE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("root-org"));
        assertThatThrownBy(() -> OrgTreeRules.requireClosable("1", UnionOrg.Status.ACTIVE, 0, 0))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void movedPathsKeepTheirTail() {
        assertThat(OrgTreeRules.movedPath("1.2.3", "1.2.3", "1.9.3")).isEqualTo("1.9.3");
        assertThat(OrgTreeRules.movedPath("1.2.3.4.5", "1.2.3", "1.7.8.3")).isEqualTo("1.7.8.3.4.5");
        assertThatThrownBy(() -> OrgTreeRules.movedPath("1.2.33", "1.2.3", "1.9.3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingNeedsAnEmptyOpenOrg() {
        assertThatCode(() -> OrgTreeRules.requireClosable("1.2", UnionOrg.Status.ACTIVE, 0, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OrgTreeRules.requireClosable("1.2", UnionOrg.Status.ACTIVE, 2, 0))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo("org-has-active-children");
                    assertThat(e.extensions()).containsEntry("activeChildren", 2L);
                });
        assertThatThrownBy(() -> OrgTreeRules.requireClosable("1.2", UnionOrg.Status.ACTIVE, 0, 5))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("org-has-active-members"));
        assertThatThrownBy(() -> OrgTreeRules.requireClosable("1.2", UnionOrg.Status.CLOSED, 0, 0))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("org-closed"));
    }

    @Test
    void jointUnionDetailsOnlyOnTheirKind() {
        assertThat(OrgTreeRules.detailProblems(OrgKind.JOINT_AREA, AreaType.PARK, null)).isEmpty();
        assertThat(OrgTreeRules.detailProblems(OrgKind.JOINT_INDUSTRY, null, "快递")).isEmpty();
        assertThat(OrgTreeRules.detailProblems(OrgKind.TOWN, AreaType.PARK, "快递")).extracting(FieldError::field)
                .containsExactly("areaType", "industry");
        assertThat(OrgTreeRules.detailProblems(OrgKind.JOINT_INDUSTRY, null, " ")).extracting(FieldError::field)
                .containsExactly("industry");
        assertThat(OrgTreeRules.detailProblems(OrgKind.JOINT_INDUSTRY, null, "x".repeat(101))).hasSize(1);
    }

    @Test
    void preconditionsCompareVersions() {
        assertThatCode(() -> Preconditions.requireVersion(3, "\"3\"", null)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireVersion(3, "\"1\", \"3\"", null)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireVersion(3, "*", null)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireVersion(3, null, 3)).doesNotThrowAnyException();
        assertStatus(() -> Preconditions.requireVersion(3, "\"2\"", null), 412);
        assertStatus(() -> Preconditions.requireVersion(3, "W/\"3\"", null), 412); // weak tags never match If-Match
        assertStatus(() -> Preconditions.requireVersion(3, "\"3\"", 2), 409);
        assertStatus(() -> Preconditions.requireVersion(3, null, 2), 409);
        assertStatus(() -> Preconditions.requireVersion(3, null, null), 428);
        assertStatus(() -> Preconditions.requireVersion(3, "3", null), 400);
    }

    private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void assertField(Throwable t, int status, String field) {
        assertThat(t).isInstanceOf(ApiException.class);
        ApiException e = (ApiException) t;
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly(field);
    }
}
