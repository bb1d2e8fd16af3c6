package io.gucun.membership.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.UnionPost;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkforceRulesTest {

    private static final LocalDate JAN_1 = LocalDate.of(2027, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2031, 12, 31);

    @Test
    void aTermCoversItsFirstAndLastDayAndAnEarlyEndShortensIt() {
        WorkforceRules.Term term = new WorkforceRules.Term(JAN_1, DEC_31);
        assertThat(term.covers(JAN_1)).isTrue();
        assertThat(term.covers(DEC_31)).isTrue();
        assertThat(term.covers(JAN_1.minusDays(1))).isFalse();
        assertThat(term.covers(DEC_31.plusDays(1))).isFalse();
        assertThat(new WorkforceRules.Term(JAN_1, null).covers(LocalDate.of(2099, 1, 1))).isTrue();

        WorkforceRules.Term ended = WorkforceRules.effective(JAN_1, DEC_31, LocalDate.of(2028, 6, 30));
        assertThat(ended.to()).isEqualTo(LocalDate.of(2028, 6, 30));
        assertThat(ended.covers(LocalDate.of(2028, 7, 1))).isFalse();
        assertThat(WorkforceRules.effective(JAN_1, null, LocalDate.of(2028, 6, 30)).to()).isEqualTo(LocalDate.of(2028, 6, 30));
        assertThat(WorkforceRules.effective(JAN_1, DEC_31, null)).isEqualTo(term);
    }

    @Test
    void termsOverlapWhenTheyShareADay() {
        WorkforceRules.Term first = new WorkforceRules.Term(JAN_1, LocalDate.of(2027, 6, 30));
        assertThat(first.overlaps(new WorkforceRules.Term(LocalDate.of(2027, 6, 30), null))).isTrue();
        assertThat(first.overlaps(new WorkforceRules.Term(LocalDate.of(2027, 7, 1), null))).isFalse();
        assertThat(new WorkforceRules.Term(JAN_1, null).overlaps(new WorkforceRules.Term(LocalDate.of(2040, 1, 1), null))).isTrue();
        assertThat(new WorkforceRules.Term(LocalDate.of(2028, 1, 1), null).overlaps(first)).isFalse();
    }

    @Test
    void aUnionHasOneChairInTermAndOnePersonHoldsAPostOnceAtATime() {
        var chair = new WorkforceRules.Held(1, 5, UnionPost.CHAIR, "chair.wang", 100L, new WorkforceRules.Term(JAN_1, DEC_31));
        var worker = new WorkforceRules.Held(2, 5, UnionPost.SOCIAL_WORKER, "sw.zhang", null, new WorkforceRules.Term(JAN_1, null));
        List<WorkforceRules.Held> register = List.of(chair, worker);

        assertThatThrownBy(() -> WorkforceRules.requireNoClash(register, 5, UnionPost.CHAIR, "chair.li", 101L,
                new WorkforceRules.Term(LocalDate.of(2030, 1, 1), null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("chair"));
        // After the chair's last day, or in another union, a chair may be appointed.
        WorkforceRules.requireNoClash(register, 5, UnionPost.CHAIR, "chair.li", 101L, new WorkforceRules.Term(DEC_31.plusDays(1), null));
        WorkforceRules.requireNoClash(register, 6, UnionPost.CHAIR, "chair.li", 101L, new WorkforceRules.Term(JAN_1, null));

        assertThatThrownBy(() -> WorkforceRules.requireNoClash(register, 5, UnionPost.SOCIAL_WORKER, "sw.zhang", null,
                new WorkforceRules.Term(LocalDate.of(2028, 1, 1), null))).isInstanceOf(ApiException.class);
        // A second social worker, or the same person in another post, is fine.
        WorkforceRules.requireNoClash(register, 5, UnionPost.SOCIAL_WORKER, "sw.chen", null, new WorkforceRules.Term(JAN_1, null));
        WorkforceRules.requireNoClash(register, 5, UnionPost.GRID_LEADER, "sw.zhang", null, new WorkforceRules.Term(JAN_1, null));
    }

    @Test
    void badAppointmentsNameTheField() {
        assertThatThrownBy(() -> WorkforceRules.requireValid(UnionPost.SOCIAL_WORKER, JAN_1, JAN_1.minusDays(1), "sw.zhang", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(field(e)).isEqualTo("termTo"));
        assertThatThrownBy(() -> WorkforceRules.requireValid(UnionPost.CHAIR, JAN_1, null, "chair.wang", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(field(e)).isEqualTo("memberId"));
        assertThatThrownBy(() -> WorkforceRules.requireValid(UnionPost.GRID_LEADER, JAN_1, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(field(e)).isEqualTo("login"));
        WorkforceRules.requireValid(UnionPost.SOCIAL_WORKER, JAN_1, JAN_1, "sw.zhang", null);
        WorkforceRules.requireValid(UnionPost.ACTIVIST, JAN_1, null, null, 7L);
    }

    @Test
    void aTermEndsOnceWithinItself() {
        assertThatThrownBy(() -> WorkforceRules.requireEndable(JAN_1, DEC_31, null, JAN_1.minusDays(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(field(e)).isEqualTo("endedOn"));
        assertThatThrownBy(() -> WorkforceRules.requireEndable(JAN_1, DEC_31, null, DEC_31.plusDays(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(field(e)).isEqualTo("endedOn"));
        assertThatThrownBy(() -> WorkforceRules.requireEndable(JAN_1, DEC_31, JAN_1.plusDays(3), JAN_1.plusDays(5)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        WorkforceRules.requireEndable(JAN_1, DEC_31, null, JAN_1);
        WorkforceRules.requireEndable(JAN_1, null, null, LocalDate.of(2050, 1, 1));
    }

    @Test
    void everyPostButActivistActsForTheUnionAndLoginsAreKeptAsKeycloakKeepsThem() {
        assertThat(WorkforceRules.grantsOfficerScope(UnionPost.CHAIR)).isTrue();
        assertThat(WorkforceRules.grantsOfficerScope(UnionPost.SOCIAL_WORKER)).isTrue();
        assertThat(WorkforceRules.grantsOfficerScope(UnionPost.GRID_LEADER)).isTrue();
        assertThat(WorkforceRules.grantsOfficerScope(UnionPost.ACTIVIST)).isFalse();
        assertThat(WorkforceRules.normalizedLogin("  SW.Zhang ")).isEqualTo("sw.zhang");
        assertThat(WorkforceRules.normalizedLogin(" ")).isNull();
    }

    private static String field(ApiException e) {
        return e.errors().get(0).field();
    }
}
