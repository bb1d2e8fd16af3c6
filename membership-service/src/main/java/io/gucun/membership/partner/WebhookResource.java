package io.gucun.membership.partner;

import io.gucun.common.security.Roles;
import io.gucun.common.webhook.PartnerWebhookResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

/**
 * The tax and social-insurance partners' webhooks: pushes of their feeds' items (tax: UnionFounded, EnterpriseClosed;
 * social insurance: MembershipStarted, MembershipTransferred, MembershipEnded by keyed hash). Each partner sees only its own.
 */
@Path("/partner/webhooks")
@RolesAllowed({Roles.PARTNER_TAX, Roles.PARTNER_SOCIAL_INSURANCE})
public class WebhookResource extends PartnerWebhookResource {
}
