package io.gucun.dues.collection;

import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.dues.ledger.Correction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/collections/{collectionId}/void")
@Tag(name = "Collection", description = "Union funds collected (by the tax partner) and member dues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CollectionVoidResource {

    @Inject
    CollectionVoid voids;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "voidCollection", summary = "Void a collection: its posting is reversed with the record, and no "
            + "rebate run takes it. A retry answers the first void")
    @APIResponse(responseCode = "200", description = "Voided", content = @Content(schema = @Schema(implementation = CollectionVoid.View.class)))
    @APIResponse(responseCode = "400", description = "No reason (problem+json naming reason)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such collection in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A rebate run took it (urn:gucun:problem:collection-rebated, naming the "
            + "run and the operation that reverses it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The collecting org no longer holds the cash "
            + "(urn:gucun:problem:insufficient-funds), or the period is closed and so is the current one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CollectionVoid.View voidCollection(@PathParam("collectionId") long collectionId,
                                              @Valid @NotNull Correction request) {
        return voids.voidCollection(collectionId, request.reason());
    }
}
