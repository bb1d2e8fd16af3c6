package io.gucun.membership.org;

import io.gucun.events.membership.OrgKind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrgKindTest {

    @Test
    void childrenSitLowerAndLevelsMayBeSkipped() {
        assertThat(OrgKind.NATIONAL.canContain(OrgKind.PROVINCE)).isTrue();
        assertThat(OrgKind.PROVINCE.canContain(OrgKind.DISTRICT)).isTrue();
        assertThat(OrgKind.TOWN.canContain(OrgKind.JOINT_AREA)).isTrue();
        assertThat(OrgKind.JOINT_INDUSTRY.canContain(OrgKind.ENTERPRISE)).isTrue();
    }

    @Test
    void noUpwardOrSidewaysNesting() {
        assertThat(OrgKind.TOWN.canContain(OrgKind.DISTRICT)).isFalse();
        assertThat(OrgKind.JOINT_AREA.canContain(OrgKind.JOINT_INDUSTRY)).isFalse();
        assertThat(OrgKind.ENTERPRISE.canContain(OrgKind.ENTERPRISE)).isFalse();
        assertThat(OrgKind.PROVINCE.canContain(OrgKind.NATIONAL)).isFalse();
    }
}
