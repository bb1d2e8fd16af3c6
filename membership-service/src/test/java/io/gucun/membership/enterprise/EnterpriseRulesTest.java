package io.gucun.membership.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.OrgKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnterpriseRulesTest {

    @Test
    void theUnionIsNamedAfterTheEnterpriseUnlessNamed() {
        assertThat(EnterpriseRules.unionName("上海顾村精密机械有限公司", null)).isEqualTo("上海顾村精密机械有限公司工会");
        assertThat(EnterpriseRules.unionName("上海顾村精密机械有限公司", " ")).isEqualTo("上海顾村精密机械有限公司工会");
        assertThat(EnterpriseRules.unionName("甲公司", "甲公司联合工会")).isEqualTo("甲公司联合工会");
    }

    @Test
    void enterprisesSitUnderAnythingButAnEnterpriseUnion() {
        assertThatCode(() -> EnterpriseRules.requireCanHoldEnterprise(OrgKind.TOWN)).doesNotThrowAnyException();
        assertThatCode(() -> EnterpriseRules.requireCanHoldEnterprise(OrgKind.JOINT_INDUSTRY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> EnterpriseRules.requireCanHoldEnterprise(OrgKind.ENTERPRISE))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("orgId"));
    }

    @Test
    void aUnionIsFoundedNeitherBeforeTheEnterpriseNorInTheFuture() {
        OffsetDateTime now = OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertThatCode(() -> EnterpriseRules.requireFoundingDate(now, LocalDate.of(2020, 1, 1), now)).doesNotThrowAnyException();
        assertThatCode(() -> EnterpriseRules.requireFoundingDate(now.minusYears(3), null, now)).doesNotThrowAnyException();
        assertThatThrownBy(() -> EnterpriseRules.requireFoundingDate(now.plusDays(1), null, now))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("foundedAt"));
        assertThatThrownBy(() -> EnterpriseRules.requireFoundingDate(now.minusYears(6), LocalDate.of(2020, 1, 1), now))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("foundedAt"));
    }

    @Test
    void aYearInBusinessMeansEstablishedOnOrBeforeTheSameDayLastYear() {
        LocalDate bound = EnterpriseRules.establishedAtLeastOneYearBefore(LocalDate.of(2025, 6, 1));
        assertThat(LocalDate.of(2024, 6, 1)).isBefore(bound);
        assertThat(LocalDate.of(2024, 6, 2)).isEqualTo(bound);
    }

    @Test
    void anEnterpriseClosesNeitherInTheFutureNorBeforeItWasEstablished() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        assertThatCode(() -> EnterpriseRules.requireClosingDate(today, LocalDate.of(2019, 4, 12), today)).doesNotThrowAnyException();
        assertThatCode(() -> EnterpriseRules.requireClosingDate(LocalDate.of(2019, 4, 12), LocalDate.of(2019, 4, 12), today))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> EnterpriseRules.requireClosingDate(today.plusDays(1), null, today))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("closedOn"));
        assertThatThrownBy(() -> EnterpriseRules.requireClosingDate(LocalDate.of(2019, 4, 11), LocalDate.of(2019, 4, 12), today))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("closedOn"));
        assertThatThrownBy(() -> EnterpriseRules.requireOperating(7, LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
