package io.gucun.dues.collection;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Money from firms the union has not registered, held in suspense until it is reassigned to the registered firm. */
@Path("/suspense")
@Tag(name = "Collection", description = "Union funds collected (by the tax partner) and member dues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SuspenseResource {

    @Inject
    Suspense suspense;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listSuspendedCollections", summary = "Collections held in suspense at the org and the orgs below"
            + " it: the union has not registered the firms they name")
    @APIResponse(responseCode = "200", description = "A page of suspended collections, oldest first")
    @APIResponse(responseCode = "400", description = "A malformed page/size, or no orgId for a caller without a scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Suspense.SuspendedView> suspended(
            @Parameter(description = "Org whose subtree to list; default your own org") @QueryParam("orgId") Long orgId,
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return suspense.suspended(orgId, PageRequest.of(page, size));
    }

    @POST
    @Path("{collectionId}/reassignment")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "reassignSuspendedCollection", summary = "Reassign a suspended collection to a registered firm:"
            + " the money moves from SUSPENSE to the collected funds of the firm's collecting org with an entry that says so."
            + " A retry naming the same firm answers the first reassignment")
    @APIResponse(responseCode = "200", description = "Reassigned",
            content = @Content(schema = @Schema(implementation = Suspense.ReassignedView.class)))
    @APIResponse(responseCode = "400", description = "No or a malformed credit code (problem+json naming creditCode)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The firm is registered outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The collection is not in suspense (urn:gucun:problem:not-suspended)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No registered firm has that credit code "
            + "(urn:gucun:problem:firm-not-registered, naming creditCode), or the suspense org's cash no longer covers it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Suspense.ReassignedView reassign(@PathParam("collectionId") long collectionId, Suspense.Reassignment request) {
        return suspense.reassignByHand(collectionId, request);
    }
}
