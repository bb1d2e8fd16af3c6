package io.gucun.membership.enterprise;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.api.TextValues;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/enterprises")
@Tag(name = "Enterprises", description = "Enterprises by Unified Social Credit Code, and founding their unions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnterpriseResource {

    @Inject
    EnterpriseService enterprises;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "registerEnterprise", summary = "Register an enterprise under an organization in your scope "
            + "(emits EnterpriseRegistered)")
    @APIResponse(responseCode = "201", description = "Registered; Location names the enterprise",
            content = @Content(schema = @Schema(implementation = EnterpriseDtos.EnterpriseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input naming the field: a bad credit code (length, letters, "
            + "check character), an unknown orgId, an org that cannot hold enterprises",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The organization is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The credit code is already registered (type urn:gucun:problem:duplicate-enterprise; "
            + "enterpriseId when you may read it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The organization is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull EnterpriseDtos.NewEnterprise request, @Context UriInfo uri) {
        EnterpriseDtos.EnterpriseView e = enterprises.register(request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(e.id())).build()).entity(e).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getEnterprise", summary = "Read one enterprise")
    @APIResponse(responseCode = "200", description = "The enterprise",
            content = @Content(schema = @Schema(implementation = EnterpriseDtos.EnterpriseView.class)))
    @APIResponse(responseCode = "404", description = "No such enterprise in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnterpriseDtos.EnterpriseView get(@PathParam("id") long id) {
        return enterprises.get(id);
    }

    @GET
    @Path("/by-credit-code/{creditCode}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getEnterpriseByCreditCode", summary = "Find an enterprise by its Unified Social Credit Code")
    @APIResponse(responseCode = "200", description = "The enterprise",
            content = @Content(schema = @Schema(implementation = EnterpriseDtos.EnterpriseView.class)))
    @APIResponse(responseCode = "400", description = "Not a valid credit code (problem+json naming creditCode)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such enterprise in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnterpriseDtos.EnterpriseView getByCreditCode(
            @Parameter(description = "18 characters, any case", example = "91310113MA1GL3XKX1") @PathParam("creditCode") String creditCode) {
        return enterprises.getByCreditCode(creditCode);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listEnterprises", summary = "List enterprises under an organization's subtree",
            description = "For outreach targets (Jiangxi: at least 25 employees, at least a year in business, no union): "
                    + "hasUnion=false&minEmployees=25&establishedBefore=<today minus one year, plus one day>.")
    @APIResponse(responseCode = "200", description = "A page of enterprises, oldest registration first")
    @APIResponse(responseCode = "400", description = "A malformed filter or a page/size out of range (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "under names no organization in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EnterpriseDtos.EnterpriseView> list(
            @Parameter(description = "Org id whose subtree to list; default: your own scope",
                    schema = @Schema(type = SchemaType.INTEGER), example = "12")
            @QueryParam("under") Long under,
            @Parameter(description = "true: only enterprises with an active union; false: only those without",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("hasUnion") Boolean hasUnion,
            @Parameter(description = "Only enterprises with at least this many employees",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0"), example = "25")
            @QueryParam("minEmployees") Integer minEmployees,
            @Parameter(description = "Only enterprises established before this date (exclusive)",
                    schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2024-06-02")
            @QueryParam("establishedBefore") String establishedBefore,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
            @QueryParam("size") Integer size) {
        if (minEmployees != null && minEmployees < 0) {
            throw io.gucun.common.problem.ApiException.invalid("minEmployees", "must be 0 or more");
        }
        return enterprises.list(under, hasUnion, minEmployees,
                TextValues.date("establishedBefore", establishedBefore), PageRequest.of(page, size));
    }

    @POST
    @Path("/{id}/union")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "foundEnterpriseUnion", summary = "Found the enterprise's union (建会)",
            description = "Creates an ENTERPRISE organization under the enterprise's org (default name \"<enterprise name>工会\"), "
                    + "records when it was founded and emits OrgCreated and UnionFounded. The body may be omitted.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = EnterpriseDtos.FoundUnion.class)))
    @APIResponse(responseCode = "201", description = "Founded; Location names the new union organization",
            content = @Content(schema = @Schema(implementation = EnterpriseDtos.FoundedUnion.class)))
    @APIResponse(responseCode = "400", description = "Invalid name or foundedAt (in the future, or before the enterprise was established)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The enterprise is outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such enterprise",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It already has an active union (type urn:gucun:problem:union-already-founded, "
            + "with unionOrgId, unionOrgPath and unionOrg pointing to it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The enterprise's organization is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response foundUnion(@PathParam("id") long id, @Valid EnterpriseDtos.FoundUnion request, @Context UriInfo uri) {
        EnterpriseDtos.FoundedUnion founded = enterprises.foundUnion(id, request);
        return Response.created(uri.getBaseUriBuilder().path("orgs").path(String.valueOf(founded.unionOrg().id())).build())
                .entity(founded).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "updateEnterprise", summary = "Change an enterprise's details, or move it to another org",
            description = "Send the whole enterprise as it should be, with the version you read (or If-Match). A new orgId "
                    + "moves the enterprise, and its union with it. Emits EnterpriseUpdated (and OrgMoved for the union).")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = EnterpriseDtos.EnterpriseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, or an org that cannot hold enterprises (problem+json naming it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such enterprise in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The version is stale, or the enterprise has closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "No version and no If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnterpriseDtos.EnterpriseView update(@PathParam("id") long id, @Valid @NotNull EnterpriseDtos.EnterpriseChange request,
                                                @HeaderParam("If-Match") String ifMatch) {
        return enterprises.update(id, request, ifMatch);
    }

    @POST
    @Path("/{id}/closure")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "closeEnterprise", summary = "Record that an enterprise closed down",
            description = "Its active enterprise union closes with it; the union above holds its members' memberships "
                    + "(history period HELD_BY_UPPER_UNION, MemberTransferred with reason EMPLOYER_CLOSED); pending "
                    + "applications and transfers involving the union are settled. Emits EnterpriseClosed and OrgClosed.")
    @APIResponse(responseCode = "200", description = "Closed",
            content = @Content(schema = @Schema(implementation = EnterpriseDtos.Closed.class)))
    @APIResponse(responseCode = "400", description = "closedOn missing, in the future or before the enterprise was established",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such enterprise in your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already closed (type urn:gucun:problem:enterprise-closed, with closedOn)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Its union still has active child organizations",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnterpriseDtos.Closed close(@PathParam("id") long id, @Valid @NotNull EnterpriseDtos.Closure request) {
        return enterprises.close(id, request);
    }

    /** The same operation for a request without a body (and so without a Content-Type). */
    @POST
    @Path("/{id}/union")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(hidden = true)
    public Response foundUnionWithoutBody(@PathParam("id") long id, @Context UriInfo uri) {
        return foundUnion(id, null, uri);
    }
}
