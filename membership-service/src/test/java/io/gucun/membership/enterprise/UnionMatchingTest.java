package io.gucun.membership.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.membership.OrgKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnionMatchingTest {

    private static final UnionMatching.Candidate TOWN = new UnionMatching.Candidate(4, "顾村镇总工会", OrgKind.TOWN, "1.2.3.4");
    private static final UnionMatching.Candidate DISTRICT = new UnionMatching.Candidate(3, "宝山区总工会", OrgKind.DISTRICT, "1.2.3");
    private static final UnionMatching.Candidate AREA = new UnionMatching.Candidate(40, "园区联合工会", OrgKind.JOINT_AREA, "1.2.3.4.40");
    private static final UnionMatching.Candidate AREA_2 = new UnionMatching.Candidate(44, "楼宇联合工会", OrgKind.JOINT_AREA, "1.2.3.4.44");
    private static final UnionMatching.Candidate INDUSTRY = new UnionMatching.Candidate(41, "快递行业联合工会", OrgKind.JOINT_INDUSTRY, "1.2.3.4.41");
    private static final UnionMatching.Candidate OWN = new UnionMatching.Candidate(77, "甲公司工会", OrgKind.ENTERPRISE, "1.2.3.4.40.77");

    @Test
    void theEmployersOwnUnionComesFirst() {
        var m = UnionMatching.match(OWN, AREA, List.of());
        assertThat(m.reason()).isEqualTo(UnionMatching.Reason.ENTERPRISE_UNION);
        assertThat(m.recommended()).isEqualTo(OWN);
        assertThat(m.alternatives()).isEmpty();
    }

    @Test
    void withoutAUnionTheJointUnionCoveringTheEmployer() {
        assertThat(UnionMatching.match(null, AREA, List.of()).recommended()).isEqualTo(AREA);
        var underTown = UnionMatching.match(null, TOWN, List.of(INDUSTRY, AREA_2, AREA));
        assertThat(underTown.reason()).isEqualTo(UnionMatching.Reason.JOINT_UNION);
        assertThat(underTown.recommended()).isEqualTo(AREA);
        assertThat(underTown.alternatives()).containsExactly(AREA_2, INDUSTRY);
    }

    @Test
    void thenTheTownFederationOrNothing() {
        assertThat(UnionMatching.match(null, TOWN, List.of()).reason()).isEqualTo(UnionMatching.Reason.TOWN_FEDERATION);
        var none = UnionMatching.match(null, DISTRICT, List.of());
        assertThat(none.reason()).isEqualTo(UnionMatching.Reason.NO_UNION_NEARBY);
        assertThat(none.recommended()).isNull();
    }

    @Test
    void aWorkerWhoseEmployerHasAUnionJoinsOnlyThatOne() {
        assertThat(UnionMatching.fitsEmployer(null, 40)).isTrue();
        assertThat(UnionMatching.fitsEmployer(77L, 77)).isTrue();
        assertThat(UnionMatching.fitsEmployer(77L, 40)).isFalse();
    }
}
