package io.gucun.membership.org;

import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/orgs")
@Tag(name = "Organizations", description = "The union organization tree")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgResource {

    @Inject
    OrgService orgs;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "createOrg", summary = "Create a union organization under a parent in your scope")
    @APIResponse(responseCode = "201", description = "Created; Location names the new organization")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json naming the field)")
    @APIResponse(responseCode = "403", description = "The parent is outside your organization scope")
    public Response create(@Valid @NotNull OrgDtos.NewOrg request, @jakarta.ws.rs.core.Context UriInfo uri) {
        UnionOrg org = orgs.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(org.id)).build())
                .entity(OrgDtos.OrgView.of(org)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getOrg", summary = "Read one organization")
    @APIResponse(responseCode = "200", description = "The organization")
    @APIResponse(responseCode = "404", description = "No such organization in your scope")
    public OrgDtos.OrgView get(@PathParam("id") long id) {
        return OrgDtos.OrgView.of(orgs.get(id));
    }
}
