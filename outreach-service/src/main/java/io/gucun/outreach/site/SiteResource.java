package io.gucun.outreach.site;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sites")
@Tag(name = "Sites", description = "Places where workers gather, their owners and rotation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class SiteResource {

    @Inject
    SiteService sites;

    @POST
    @Operation(operationId = "createSite", summary = "Record a site (building, park, market, street, community)")
    @APIResponse(responseCode = "201", description = "Created; Location names the site")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json naming the field), or a staff login that is not a union worker in term at the org or one above or below it (membership's workforce register)")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    @APIResponse(responseCode = "422", description = "The org is closed")
    public Response create(@Valid @NotNull SiteDtos.NewSite request, @Context UriInfo uri) {
        Site s = sites.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(s.id)).build()).entity(SiteDtos.SiteView.of(s)).build();
    }

    @GET
    @Operation(operationId = "listSites", summary = "Sites of an org subtree (your scope when orgId is omitted)")
    @APIResponse(responseCode = "200", description = "A page of sites")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "403", description = "The org is outside your scope")
    public Page<SiteDtos.SiteView> list(@QueryParam("orgId") Long orgId, @QueryParam("page") Integer page,
                                        @QueryParam("size") Integer size) {
        return sites.list(orgId, PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSite", summary = "Read one site")
    @APIResponse(responseCode = "200", description = "The site")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such site")
    public SiteDtos.SiteView get(@PathParam("id") long id) {
        return SiteDtos.SiteView.of(sites.get(id));
    }

    @PUT
    @Path("/{id}/owner")
    @Operation(operationId = "changeSiteOwner", summary = "Give a site to a staff member (包干)")
    @APIResponse(responseCode = "200", description = "The site with its new owner")
    @APIResponse(responseCode = "400", description = "No staff named, or a staff login that is not a union worker in term at the org or one above or below it (membership's workforce register)")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such site")
    public SiteDtos.SiteView changeOwner(@PathParam("id") long id, @Valid @NotNull SiteDtos.NewOwner request) {
        return SiteDtos.SiteView.of(sites.changeOwner(id, request.staff()));
    }

    @GET
    @Path("/{id}/owners")
    @Operation(operationId = "listSiteOwners", summary = "Who owned the site when, oldest first")
    @APIResponse(responseCode = "200", description = "The ownership history")
    @APIResponse(responseCode = "403", description = "Outside your scope")
    @APIResponse(responseCode = "404", description = "No such site")
    public List<SiteDtos.OwnershipView> owners(@PathParam("id") long id) {
        return sites.ownerships(id).stream().map(SiteDtos.OwnershipView::of).toList();
    }

    @POST
    @Path("/rotations")
    @Operation(operationId = "rotateSiteOwners", summary = "Rotate owners across sites (交叉轮换)",
            description = "Each listed site passes its owner to the next one, the last to the first.")
    @APIResponse(responseCode = "200", description = "The sites with their new owners")
    @APIResponse(responseCode = "400", description = "Fewer than two sites, a repeated site or a site without owner, or an owner who is no longer a union worker in term at the next site's org or one above or below it")
    @APIResponse(responseCode = "403", description = "A site is outside your scope")
    @APIResponse(responseCode = "404", description = "No such site")
    public List<SiteDtos.SiteView> rotate(@Valid @NotNull SiteDtos.NewRotation request) {
        return sites.rotate(request.siteIds()).stream().map(SiteDtos.SiteView::of).toList();
    }
}
