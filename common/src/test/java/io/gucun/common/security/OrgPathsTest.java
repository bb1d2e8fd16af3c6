package io.gucun.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrgPathsTest {

    @Test
    void anOrgIsWithinItselfAndItsAncestors() {
        assertThat(OrgPaths.isWithin("1.3.4.5", "1.3.4.5")).isTrue();
        assertThat(OrgPaths.isWithin("1.3.4.5", "1.3")).isTrue();
        assertThat(OrgPaths.isWithin("1.3.4.5", "1")).isTrue();
    }

    @Test
    void siblingsWithACommonPrefixAreNotWithin() {
        assertThat(OrgPaths.isWithin("1.34", "1.3")).isFalse();
        assertThat(OrgPaths.isWithin("1.3", "1.3.4")).isFalse();
        assertThat(OrgPaths.isWithin("1.2.7", "1.3")).isFalse();
    }

    @Test
    void malformedPathsCoverNothing() {
        assertThat(OrgPaths.isWithin("1.3", "1.*")).isFalse();
        assertThat(OrgPaths.isWithin("1.3", "")).isFalse();
        assertThat(OrgPaths.isWithin(null, "1")).isFalse();
        assertThat(OrgPaths.isWellFormed("1..3")).isFalse();
    }

    @Test
    void buildsChildPaths() {
        assertThat(OrgPaths.child("1.3", 42)).isEqualTo("1.3.42");
        assertThat(OrgPaths.child(null, 1)).isEqualTo("1");
        assertThat(OrgPaths.depth("1.3.42")).isEqualTo(3);
    }
}
