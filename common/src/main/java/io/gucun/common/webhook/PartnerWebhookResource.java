package io.gucun.common.webhook;

import static io.gucun.common.api.ServiceOperationIds.SERVICE;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The partner webhook API, the same in every service that offers webhooks: a service extends it with an empty class
 * that names only its path and the partner roles allowed, e.g.
 * {@code @Path("/partner/webhooks") @RolesAllowed(Roles.PARTNER_CREDIT)}. The operation ids carry the service's name
 * ({@link io.gucun.common.api.ServiceOperationIds}). Which events each partner may subscribe to is the service's
 * {@link WebhookCatalog}.
 */
@Tag(name = WebhookApiDocs.TAG, description = WebhookApiDocs.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class PartnerWebhookResource {

    @Inject
    protected WebhookService webhooks;

    @POST
    @Operation(operationId = "register" + SERVICE + "Webhook", summary = WebhookApiDocs.REGISTER,
            description = WebhookApiDocs.REGISTER_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "Registered; the secret is shown only now")
    @APIResponse(responseCode = "400", description = "url is not https, or its host resolves to a non-public address, or eventTypes is empty")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "409", description = "webhook-exists: this url is registered already; webhook-limit: the partner "
            + "has the most active subscriptions allowed (delete one first)")
    @APIResponse(responseCode = "422", description = "unknown-event-type: an event type not offered to this partner (named in errors)")
    public Response register(@Valid @NotNull WebhookDtos.Registration r, @Context UriInfo uri) {
        WebhookDtos.WithSecret created = webhooks.register(r);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.subscription().id())).build())
                .entity(created).build();
    }

    @GET
    @Operation(operationId = "list" + SERVICE + "Webhooks", summary = WebhookApiDocs.LIST)
    @APIResponse(responseCode = "200", description = "The subscriptions")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    public List<WebhookDtos.SubscriptionView> list() {
        return webhooks.list();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "get" + SERVICE + "Webhook", summary = WebhookApiDocs.GET)
    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "404", description = WebhookApiDocs.NOT_YOURS)
    public WebhookDtos.SubscriptionView get(@PathParam("id") long id) {
        return webhooks.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "delete" + SERVICE + "Webhook", summary = WebhookApiDocs.DELETE)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "404", description = WebhookApiDocs.NOT_YOURS)
    public void delete(@PathParam("id") long id) {
        webhooks.delete(id);
    }

    @POST
    @Path("/{id}/secret")
    @Operation(operationId = "rotate" + SERVICE + "WebhookSecret", summary = WebhookApiDocs.ROTATE,
            description = WebhookApiDocs.ROTATE_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The subscription and its new secret")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "404", description = WebhookApiDocs.NOT_YOURS)
    public WebhookDtos.WithSecret rotate(@PathParam("id") long id) {
        return webhooks.rotate(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "list" + SERVICE + "WebhookDeliveries", summary = WebhookApiDocs.DELIVERIES,
            description = WebhookApiDocs.DELIVERIES_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "Bad state or paging")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "404", description = WebhookApiDocs.NOT_YOURS)
    public Page<WebhookDtos.DeliveryView> deliveries(@PathParam("id") long id,
                                                     @Parameter(description = "PENDING, DELIVERED or DEAD") @QueryParam("state") String state,
                                                     @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return webhooks.deliveries(id, state, PageRequest.of(page, size));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replay" + SERVICE + "WebhookDelivery", summary = WebhookApiDocs.REPLAY)
    @APIResponse(responseCode = "200", description = "The delivery, PENDING again")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "404", description = "No such subscription or delivery of yours")
    @APIResponse(responseCode = "409", description = "delivery-not-dead: only a DEAD delivery is replayed")
    public WebhookDtos.DeliveryView replay(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        return webhooks.replay(id, deliveryId);
    }

    @POST
    @Path("/{id}/deliveries/replay-dead")
    @Operation(operationId = "replayAllDead" + SERVICE + "WebhookDeliveries", summary = WebhookApiDocs.REPLAY_DEAD)
    @APIResponse(responseCode = "200", description = "How many were replayed")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = WebhookApiDocs.NOT_A_PARTNER)
    @APIResponse(responseCode = "404", description = WebhookApiDocs.NOT_YOURS)
    public Map<String, Integer> replayAllDead(@PathParam("id") long id) {
        return Map.of("replayed", webhooks.replayAllDead(id));
    }
}
