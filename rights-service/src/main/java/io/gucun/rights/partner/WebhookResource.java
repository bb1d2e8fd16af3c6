package io.gucun.rights.partner;

import io.gucun.common.security.Roles;
import io.gucun.common.webhook.PartnerWebhookResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

/** A partner's webhooks for rights-service events (the credit partner: EnterpriseBlacklisted, EnterpriseDelisted). */
@Path("/partner/webhooks")
@RolesAllowed(Roles.PARTNER_CREDIT)
public class WebhookResource extends PartnerWebhookResource {
}
