package io.gucun.dues.collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.Problem;
import io.gucun.common.security.Roles;
import io.gucun.dues.job.JobDtos;
import io.gucun.dues.job.JobResource;
import io.gucun.dues.job.Jobs;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "Collection", description = "Union funds collected (by the tax partner) and member dues")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {

    static final String CSV_EXAMPLE = "creditCode,period,payrollBase,amount,partnerReference\n"
            + "91310113MA1GL3XKX1,2026-10,300000.00,6000.00,SH-TAX-2026-10-000123\n";

    @Inject
    CollectionService collections;

    @Inject
    DuesPayments dues;

    @Inject
    CollectionImports imports;

    @Inject
    ObjectMapper mapper;

    @POST
    @Path("collections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "submitCollection", summary = "Submit one union-fund collection record (emits FundsCollected)",
            description = "Posted to the collecting (town/street) org above the enterprise. An amount other than 2% of the payroll "
                    + "base is accepted, stored and flagged. A partner reference seen before posts nothing (status DUPLICATE).")
    @APIResponse(responseCode = "201", description = "Posted; Location names the import holding the result",
            content = @Content(schema = @Schema(implementation = CollectionDtos.ImportView.class)))
    @APIResponse(responseCode = "200", description = "A duplicate: this partner reference was posted before; nothing posted",
            content = @Content(schema = @Schema(implementation = CollectionDtos.ImportView.class)))
    @APIResponse(responseCode = "400", description = "Rejected, naming the field (bad credit code, bad period, zero or negative "
            + "amount); nothing posted. A firm the union has not registered is no reason: its record is SUSPENDED (held in "
            + "suspense until the firm is registered)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "partner-reference-reused: the reference was posted before for a "
            + "different record (enterprise, period or amounts); nothing posted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The period is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response single(@NotNull CollectionDtos.CollectionRecord record, @Context UriInfo uri) {
        CollectionDtos.ImportView view = collections.single(new CollectionRules.RawRow(1, record.creditCode(), record.period(),
                record.payrollBase(), record.amount(), record.partnerReference()));
        if (view.posted() == 0) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getBaseUriBuilder().path("collection-imports").path(String.valueOf(view.id())).build())
                .entity(view).build();
    }

    @POST
    @Path("collection-imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "importCollections", summary = "Submit many collection records, a JSON array or a CSV file of any "
            + "size: answers 202 with a job",
            description = "The body is streamed and spooled (up to the service's maximum body size, GUCUN_DUES_MAX_BODY_SIZE, "
                    + "default 512M); the records post in the background in chunks, each chunk committed with the job's "
                    + "progress (a job taken up again after a crash carries on after its last committed chunk). Poll the job "
                    + "(Location) until SUCCEEDED: its result counts the records and lists those that did not simply post; "
                    + "the import (result.href) has every record's result. Every record gets a result: POSTED (maybe "
                    + "flagged), SUSPENDED (posted to the suspense account: the union has not registered the firm yet), "
                    + "DUPLICATE (its partner reference was posted before, or repeats an earlier record) or REJECTED with "
                    + "reasons naming the fields (also when its partner reference was posted before for a different record, "
                    + "or its period is closed). Good records post even when others are rejected. JSON: results carry the "
                    + "position from 1. CSV (text/csv): header line creditCode,period,payrollBase,amount,partnerReference "
                    + "(amount may be empty: 2% of the payroll base); results carry the line number in the file (the header "
                    + "is line 1). The same Idempotency-Key with the same body answers the same job.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CollectionDtos.CollectionRecord.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, example = CSV_EXAMPLE))})
    @APIResponse(responseCode = "202", description = "Accepted: the job (Location names it); poll it for progress and result",
            content = @Content(schema = @Schema(implementation = JobDtos.JobView.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON array, no CSV header or missing columns, a line that cannot "
            + "be read, no record, or a bad Idempotency-Key; no job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than the service's maximum body size")
    @APIResponse(responseCode = "415", description = "Neither JSON nor CSV",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importJson(InputStream body, @Parameter(description = "Makes a retry answer the same job")
            @HeaderParam(Jobs.IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri) {
        return JobResource.accepted(imports.accept("JSON", body, idempotencyKey, true), mapper, uri);
    }

    @POST
    @Path("collection-imports")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN, Roles.OFFICER})
    // Documented with importCollections: one path and method can carry only one OpenAPI operation.
    @Operation(hidden = true)
    public Response importCsv(InputStream body, @HeaderParam(Jobs.IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri) {
        return JobResource.accepted(imports.accept("CSV", body, idempotencyKey, true), mapper, uri);
    }

    @GET
    @Path("collection-imports")
    @RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listCollectionImports", summary = "Your own imports (all imports for an admin), newest first")
    @APIResponse(responseCode = "200", description = "A page of imports without per-record results")
    @APIResponse(responseCode = "400", description = "page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<CollectionDtos.ImportSummary> imports(
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return collections.imports(PageRequest.of(page, size));
    }

    @GET
    @Path("collection-imports/{id}")
    @RolesAllowed({Roles.PARTNER_TAX, Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "getCollectionImport", summary = "One of your imports with every record's result")
    @APIResponse(responseCode = "200", description = "The import",
            content = @Content(schema = @Schema(implementation = CollectionDtos.ImportView.class)))
    @APIResponse(responseCode = "404", description = "No such import of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CollectionDtos.ImportView importOf(@PathParam("id") long id) {
        return collections.importOf(id);
    }

    @GET
    @Path("orgs/{orgId}/collections")
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "listOrgCollections", summary = "Collections made by the org and the orgs below it")
    @APIResponse(responseCode = "200", description = "A page of collections, oldest first")
    @APIResponse(responseCode = "400", description = "A malformed period or page/size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The org is unknown or outside your scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<CollectionDtos.CollectionView> orgCollections(@PathParam("orgId") long orgId,
            @Parameter(description = "Only this period (YYYY-MM)", example = "2026-10") @QueryParam("period") String period,
            @Parameter(description = "Page from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") Integer size) {
        return collections.collections(orgId, period, PageRequest.of(page, size));
    }

    @POST
    @Path("dues-payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OFFICER})
    @Operation(operationId = "recordDuesPayment", summary = "Record dues paid by a member (once per payment reference)")
    @APIResponse(responseCode = "201", description = "Recorded and posted",
            content = @Content(schema = @Schema(implementation = CollectionDtos.DuesPaymentView.class)))
    @APIResponse(responseCode = "200", description = "This reference was recorded before; nothing posted",
            content = @Content(schema = @Schema(implementation = CollectionDtos.DuesPaymentView.class)))
    @APIResponse(responseCode = "400", description = "A bad amount, period or org (problem+json naming the field)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The period is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response duesPayment(@Valid @NotNull CollectionDtos.NewDuesPayment payment) {
        DuesPayments.Recorded r = dues.record(payment);
        return Response.status(r.created() ? 201 : 200).entity(r.payment()).build();
    }
}
