package io.gucun.outreach.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotationTest {

    @Test
    void eachSitePassesItsOwnerToTheNext() {
        Map<Long, String> next = Rotation.next(List.of(1L, 2L, 3L), Map.of(1L, "a", 2L, "b", 3L, "c"));
        assertThat(next).containsExactly(Map.entry(1L, "c"), Map.entry(2L, "a"), Map.entry(3L, "b"));
    }

    @Test
    void everyOwnerMovesAndNoneIsLost() {
        Map<Long, String> now = Map.of(7L, "zhang", 9L, "li");
        Map<Long, String> next = Rotation.next(List.of(7L, 9L), now);
        assertThat(next.values()).containsExactlyInAnyOrderElementsOf(now.values());
        next.forEach((site, owner) -> assertThat(owner).isNotEqualTo(now.get(site)));
    }

    @Test
    void refusesTooFewSitesRepeatsAndOwnerlessSites() {
        assertThatThrownBy(() -> Rotation.next(List.of(1L), Map.of(1L, "a"))).hasMessageContaining("two sites");
        assertThatThrownBy(() -> Rotation.next(List.of(1L, 1L), Map.of(1L, "a"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> Rotation.next(List.of(1L, 2L), Map.of(1L, "a"))).hasMessageContaining("no owner");
    }
}
