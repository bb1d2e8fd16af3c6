package io.gucun.membership.org;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.api.TextValues;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.events.membership.OrgKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/orgs")
@Tag(name = "Organizations", description = "The union organization tree")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgResource {

    static final String IF_MATCH_DOC = "The version you read, as the strong entity tag from ETag (e.g. \"3\"); or send version in the body";

    @Inject
    OrgService orgs;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "createOrg", summary = "Create a union organization under a parent in your scope")
    @APIResponse(responseCode = "201", description = "Created; Location names the new organization",
            content = @Content(schema = @Schema(implementation = OrgDtos.OrgView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json naming the field): unknown parent, "
            + "a kind that cannot sit under the parent, areaType/industry on the wrong kind",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The parent is outside your organization scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The parent is closed (type urn:gucun:problem:org-closed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull OrgDtos.NewOrg request, @jakarta.ws.rs.core.Context UriInfo uri) {
        UnionOrg org = orgs.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(org.id)).build())
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(org.version)))
                .entity(OrgDtos.OrgView.of(org)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getOrg", summary = "Read one organization")
    @APIResponse(responseCode = "200", description = "The organization; ETag carries its version",
            headers = @Header(name = HttpHeaders.ETAG, description = "Strong entity tag of the version, e.g. \"3\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = OrgDtos.OrgView.class)))
    @APIResponse(responseCode = "404", description = "No such organization in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") long id) {
        return withTag(orgs.get(id));
    }

    @POST
    @Path("/{id}/rename")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "renameOrg", summary = "Rename an organization (emits OrgRenamed)")
    @RequestBody(content = @Content(schema = @Schema(implementation = OrgDtos.Rename.class)))
    @APIResponse(responseCode = "200", description = "Renamed (or already so named); ETag carries the new version",
            content = @Content(schema = @Schema(implementation = OrgDtos.OrgView.class)))
    @APIResponse(responseCode = "400", description = "Invalid name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The organization is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "version is stale (type urn:gucun:problem:stale-version)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale (type urn:gucun:problem:precondition-failed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The organization is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Neither If-Match nor version was sent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rename(@PathParam("id") long id, @Valid @NotNull OrgDtos.Rename request,
                           @Parameter(description = IF_MATCH_DOC) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(orgs.rename(id, request, ifMatch));
    }

    @POST
    @Path("/{id}/move")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "moveOrg", summary = "Move an organization and its whole subtree under a new parent (emits OrgMoved)",
            description = "Every path in the subtree is rewritten in one statement. You need scope over both the organization "
                    + "and the new parent. Moving under the current parent changes nothing.")
    @RequestBody(content = @Content(schema = @Schema(implementation = OrgDtos.Move.class)))
    @APIResponse(responseCode = "200", description = "Moved; the body shows the new path; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = OrgDtos.OrgView.class)))
    @APIResponse(responseCode = "400", description = "parentId is unknown, the organization itself or one of its descendants, "
            + "or of a kind that cannot contain it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The organization or the new parent is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "version is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The organization or the new parent is closed, or it is the national root",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Neither If-Match nor version was sent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response move(@PathParam("id") long id, @Valid @NotNull OrgDtos.Move request,
                         @Parameter(description = IF_MATCH_DOC) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(orgs.move(id, request, ifMatch));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "closeOrg", summary = "Close an organization that has no active children or members (emits OrgClosed)",
            description = "A closed organization stays readable but accepts no new children, members or enterprises. "
                    + "The body may be omitted when If-Match is sent.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = OrgDtos.Close.class)))
    @APIResponse(responseCode = "200", description = "Closed; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = OrgDtos.OrgView.class)))
    @APIResponse(responseCode = "403", description = "The organization is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "version is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "It has active children (org-has-active-children) or members "
            + "(org-has-active-members), is already closed (org-closed), or is the national root (root-org)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "Neither If-Match nor version was sent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(@PathParam("id") long id, @Valid OrgDtos.Close request,
                          @Parameter(description = IF_MATCH_DOC) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(orgs.close(id, request, ifMatch));
    }

    /** The same operation for a request without a body (and so without a Content-Type), e.g. with only If-Match. */
    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(hidden = true)
    public Response closeWithoutBody(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(orgs.close(id, null, ifMatch));
    }

    @GET
    @Path("/{id}/subtree")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listOrgSubtree", summary = "List an organization and everything under it, with counts per org",
            description = "Depth first (path order), the organization itself first. Counts are over each listed org's own subtree.")
    @APIResponse(responseCode = "200", description = "A page of organizations with counts")
    @APIResponse(responseCode = "400", description = "A malformed filter or a page/size out of range (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<OrgDtos.OrgSummary> subtree(
            @PathParam("id") long id,
            @Parameter(description = "Only orgs of this kind", schema = @Schema(implementation = OrgKind.class))
            @QueryParam("kind") String kind,
            @Parameter(description = "Only orgs in this status", schema = @Schema(implementation = UnionOrg.Status.class))
            @QueryParam("status") String status,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
            @QueryParam("size") Integer size) {
        return orgs.subtree(id, TextValues.enumValue("kind", kind, OrgKind.class),
                TextValues.enumValue("status", status, UnionOrg.Status.class), PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}/children")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listOrgChildren", summary = "List the organizations directly under one, with counts per org")
    @APIResponse(responseCode = "200", description = "A page of organizations with counts")
    @APIResponse(responseCode = "400", description = "A malformed filter or a page/size out of range (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<OrgDtos.OrgSummary> children(
            @PathParam("id") long id,
            @Parameter(description = "Only orgs of this kind", schema = @Schema(implementation = OrgKind.class))
            @QueryParam("kind") String kind,
            @Parameter(description = "Only orgs in this status", schema = @Schema(implementation = UnionOrg.Status.class))
            @QueryParam("status") String status,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
            @QueryParam("size") Integer size) {
        return orgs.children(id, TextValues.enumValue("kind", kind, OrgKind.class),
                TextValues.enumValue("status", status, UnionOrg.Status.class), PageRequest.of(page, size));
    }

    private static Response withTag(UnionOrg org) {
        return Response.ok(OrgDtos.OrgView.of(org)).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(org.version))).build();
    }
}
