package io.gucun.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookCatalogTest {

    private final WebhookCatalog catalog = new WebhookCatalog("/gucun/test", Map.of(
            "UnionFounded", Set.of("partner-tax"),
            "EnterpriseClosed", Set.of("partner-tax", "partner-credit"),
            "MembershipStarted", Set.of("partner-social-insurance")));

    @Test
    void aPartnerIsOfferedOnlyTheTypesNamedForIt() {
        assertThat(catalog.offers("UnionFounded", "partner-tax")).isTrue();
        assertThat(catalog.offers("MembershipStarted", "partner-tax")).isFalse();
        assertThat(catalog.offers("UnionFounded", "partner-social-insurance")).isFalse();
        assertThat(catalog.offers("CaseReported", "partner-tax")).isFalse();
        assertThat(catalog.offeredTo("partner-tax")).containsExactly("EnterpriseClosed", "UnionFounded");
        assertThat(catalog.offeredTo("partner-credit")).containsExactly("EnterpriseClosed");
        assertThat(catalog.offeredTo("member")).isEmpty();
    }

    @Test
    void thePartnersAreEveryRoleThatMaySubscribeToSomething() {
        assertThat(catalog.partners()).containsExactly("partner-credit", "partner-social-insurance", "partner-tax");
    }

    @Test
    void onlyOfferedTypesAreFannedOut() {
        assertThat(catalog.offers("EnterpriseClosed")).isTrue();
        assertThat(catalog.offers("MemberJoined")).isFalse();
    }
}
