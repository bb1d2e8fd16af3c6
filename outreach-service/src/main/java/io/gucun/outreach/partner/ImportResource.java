package io.gucun.outreach.partner;

import io.agroal.api.AgroalDataSource;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/imports")
@Tag(name = "Partner imports", description = "Bulk social-insurance and tax data from partner systems, as jobs")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    public static final String CSV = "text/csv";

    @Inject
    ImportService imports;

    @Inject
    AgroalDataSource dataSource;

    @POST
    @Path("/social-insurance")
    @Consumes(CSV)
    @RolesAllowed({Roles.PARTNER_SOCIAL_INSURANCE})
    @RequestBody(description = "CSV with header person_id,employer_uscc,insured_since,status; any size, streamed")
    @Operation(operationId = "importSocialInsurance", summary = "Import social-insurance records (who is insured by which employer)",
            description = "Answers 202 at once with the job; rows are upserted by person (kept only as a keyed hash of the ID number).")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job to poll")
    @APIResponse(responseCode = "400", description = "Not CSV text or the wrong header (problem+json, field file)")
    @APIResponse(responseCode = "403", description = "Not the social-insurance partner")
    @APIResponse(responseCode = "415", description = "Not sent as text/csv")
    public Response socialInsurance(InputStream body, @Context UriInfo uri) {
        return accepted(imports.accept(ImportKind.SOCIAL_INSURANCE, body, true), uri);
    }

    @POST
    @Path("/tax")
    @Consumes(CSV)
    @RolesAllowed({Roles.PARTNER_TAX})
    @RequestBody(description = "CSV with header enterprise_uscc,headcount,payroll,period; any size, streamed")
    @Operation(operationId = "importTaxRecords", summary = "Import tax records (enterprise headcount and payroll per month)",
            description = "Answers 202 at once with the job; rows are upserted by enterprise and period.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job to poll")
    @APIResponse(responseCode = "400", description = "Not CSV text or the wrong header (problem+json, field file)")
    @APIResponse(responseCode = "403", description = "Not the tax partner")
    @APIResponse(responseCode = "415", description = "Not sent as text/csv")
    public Response tax(InputStream body, @Context UriInfo uri) {
        return accepted(imports.accept(ImportKind.TAX, body, true), uri);
    }

    private static Response accepted(ImportJob job, UriInfo uri) {
        return Response.accepted(ImportDtos.JobView.of(job))
                .location(uri.getBaseUriBuilder().path("imports").path(job.id.toString()).build()).build();
    }

    @GET
    @RolesAllowed({Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_TAX, Roles.ADMIN})
    @Operation(operationId = "listImports", summary = "Your own import jobs, newest first (admins: all)")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    public Page<ImportDtos.JobView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return imports.mine(PageRequest.of(page, size)).map(ImportDtos.JobView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_TAX, Roles.ADMIN})
    @Operation(operationId = "getImport", summary = "Progress of one of your imports")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job of yours")
    public ImportDtos.JobView get(@PathParam("id") UUID id) {
        return ImportDtos.JobView.of(imports.get(id));
    }

    @GET
    @Path("/{id}/rejects")
    @Produces(CSV)
    @RolesAllowed({Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_TAX, Roles.ADMIN})
    @Operation(operationId = "downloadImportRejects", summary = "The rejected rows of an import: line number and reason, as CSV")
    @APIResponse(responseCode = "200", description = "CSV line,reason (streamed)")
    @APIResponse(responseCode = "404", description = "No such job of yours")
    public Response rejects(@PathParam("id") UUID id) {
        ImportJob job = imports.get(id);
        StreamingOutput out = stream -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("select line, reason from import_reject where job_id = ? order by line")) {
                    ps.setFetchSize(1000);
                    ps.setObject(1, job.id);
                    var w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                    w.write("line,reason\n");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            w.write(rs.getLong(1) + ",\"" + rs.getString(2).replace("\"", "\"\"") + "\"\n");
                        }
                    }
                    w.flush();
                }
                c.commit();
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("could not read the reject report", e);
            }
        };
        return Response.ok(out, CSV).header("Content-Disposition", "attachment; filename=\"rejects-" + job.id + ".csv\"").build();
    }
}
