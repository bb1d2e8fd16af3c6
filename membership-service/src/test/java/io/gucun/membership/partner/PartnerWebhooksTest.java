package io.gucun.membership.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.security.Roles;
import org.junit.jupiter.api.Test;

/** Which feed items are pushed, and to whom: each partner only its own feed's changes. */
class PartnerWebhooksTest {

    @Test
    void theTaxPartnerIsOfferedFoundingAndClosingOnly() {
        assertThat(PartnerWebhooks.CATALOG.offeredTo(Roles.PARTNER_TAX))
                .containsExactly(PartnerWebhooks.ENTERPRISE_CLOSED, PartnerWebhooks.UNION_FOUNDED);
        assertThat(PartnerWebhooks.typeOf(FeedItems.UNION_FOUNDED)).isEqualTo(PartnerWebhooks.UNION_FOUNDED);
        assertThat(PartnerWebhooks.typeOf(FeedItems.ENTERPRISE_CLOSED)).isEqualTo(PartnerWebhooks.ENTERPRISE_CLOSED);
        // Counts change with every join: the feed carries them, a push per join would not help the partner.
        assertThat(PartnerWebhooks.typeOf(FeedItems.MEMBER_COUNT_CHANGED)).isNull();
    }

    @Test
    void theSocialInsurancePartnerIsOfferedMembershipChangesOnly() {
        assertThat(PartnerWebhooks.CATALOG.offeredTo(Roles.PARTNER_SOCIAL_INSURANCE)).containsExactly(
                PartnerWebhooks.MEMBERSHIP_ENDED, PartnerWebhooks.MEMBERSHIP_STARTED, PartnerWebhooks.MEMBERSHIP_TRANSFERRED);
        assertThat(PartnerWebhooks.typeOf(FeedItems.MEMBERSHIP_TRANSFERRED)).isEqualTo(PartnerWebhooks.MEMBERSHIP_TRANSFERRED);
    }

    @Test
    void everyPushedItemTypeIsOfferedToThePartnerOfItsFeedAndNoOtherPartnerHasWebhooksHere() {
        PartnerWebhooks.TYPE_OF_ITEM.values().forEach(type -> assertThat(PartnerWebhooks.CATALOG.offers(type)).isTrue());
        assertThat(PartnerWebhooks.CATALOG.partners()).containsExactlyInAnyOrder(Roles.PARTNER_TAX, Roles.PARTNER_SOCIAL_INSURANCE);
        assertThat(PartnerWebhooks.CATALOG.offeredTo(Roles.PARTNER_CREDIT)).isEmpty();
    }
}
