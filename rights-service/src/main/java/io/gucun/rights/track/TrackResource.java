package io.gucun.rights.track;

import io.gucun.common.security.Roles;
import io.gucun.rights.rightscase.CaseDtos;
import io.gucun.rights.rightscase.CaseService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The four tracks of a case and its referrals. Writes: officers of the coordinating org; reads: whoever sees the case. */
@Path("/cases/{caseId}")
@Tag(name = "Tracks and referrals", description = "四位一体: legal aid, collective bargaining, democratic management; referrals to "
        + "tripartite coordination, mediation, labour arbitration and court")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
public class TrackResource {

    static final String NOT_WORKING = "case-not-in-progress: not taken over yet, or already resolved / closed";

    @Inject
    TrackService tracks;

    @Inject
    CaseService cases;

    @GET
    @Path("/tracks")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN, Roles.LAWYER, Roles.MEMBER})
    @Operation(operationId = "getCaseTracks", summary = "The tracks of a case: lawyers, bargaining rounds, contract, congress items, referrals")
    @APIResponse(responseCode = "200", description = "The tracks")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    public TrackDtos.TracksView get(@PathParam("caseId") long caseId) {
        return tracks.tracks(caseId);
    }

    @POST
    @Path("/lawyer")
    @Operation(operationId = "assignLawyer", summary = "Legal aid: assign a volunteer lawyer (replaces the previous one; history kept)")
    @APIResponse(responseCode = "200", description = "The case with its lawyer")
    @APIResponse(responseCode = "400", description = "Missing lawyerUsername or lawyerName")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = NOT_WORKING)
    public CaseDtos.CaseView assignLawyer(@PathParam("caseId") long caseId, @Valid @NotNull TrackDtos.AssignLawyer r) {
        return cases.view(tracks.assignLawyer(caseId, r));
    }

    @POST
    @Path("/bargaining-rounds")
    @Operation(operationId = "addBargainingRound", summary = "Collective bargaining: record a round and its outcome")
    @APIResponse(responseCode = "201", description = "The round, numbered from 1")
    @APIResponse(responseCode = "400", description = "Missing summary or outcome, heldOn in the future")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = NOT_WORKING)
    public Response addRound(@PathParam("caseId") long caseId, @Valid @NotNull TrackDtos.NewRound r) {
        var b = tracks.addRound(caseId, r);
        return Response.status(201).entity(new TrackDtos.RoundView(b.id, b.roundNo, b.heldOn, b.summary, b.outcome, b.recordedBy)).build();
    }

    @POST
    @Path("/collective-contract")
    @Operation(operationId = "fileCollectiveContract", summary = "Collective bargaining: the contract filed with the labour authority")
    @APIResponse(responseCode = "201", description = "The filed contract")
    @APIResponse(responseCode = "400", description = "Missing filedWith or reference, filedOn in the future")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = "contract-already-filed, or " + NOT_WORKING)
    @APIResponse(responseCode = "422", description = "no-agreement: no bargaining round ended AGREED")
    public Response fileContract(@PathParam("caseId") long caseId, @Valid @NotNull TrackDtos.NewContract r) {
        var k = tracks.fileContract(caseId, r);
        return Response.status(201).entity(new TrackDtos.ContractView(k.filedOn, k.filedWith, k.reference, k.recordedBy)).build();
    }

    @POST
    @Path("/congress-items")
    @Operation(operationId = "addCongressItem", summary = "Democratic management: an item put to the workers' congress")
    @APIResponse(responseCode = "201", description = "The item")
    @APIResponse(responseCode = "400", description = "Missing title, congressOn in the future")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = NOT_WORKING)
    public Response addCongressItem(@PathParam("caseId") long caseId, @Valid @NotNull TrackDtos.NewCongressItem r) {
        var i = tracks.addCongressItem(caseId, r);
        return Response.status(201).entity(new TrackDtos.CongressItemView(i.id, i.title, i.congressOn, i.resolution, i.adopted,
                i.recordedBy)).build();
    }

    @POST
    @Path("/referrals")
    @Operation(operationId = "referCase", summary = "Refer the case to tripartite coordination, mediation, labour arbitration or court")
    @APIResponse(responseCode = "201", description = "The referral")
    @APIResponse(responseCode = "400", description = "Missing kind or body, referredOn in the future")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case that you may see")
    @APIResponse(responseCode = "409", description = NOT_WORKING)
    public Response refer(@PathParam("caseId") long caseId, @Valid @NotNull TrackDtos.NewReferral r) {
        return Response.status(201).entity(TrackService.view(tracks.refer(caseId, r))).build();
    }

    @POST
    @Path("/referrals/{referralId}/outcome")
    @Operation(operationId = "recordReferralOutcome", summary = "Record a referral's outcome and the amount recovered (once)")
    @APIResponse(responseCode = "200", description = "The referral with its outcome")
    @APIResponse(responseCode = "400", description = "Missing outcome, a bad amount, a date in the future or before the referral")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an officer of the coordinating org or above")
    @APIResponse(responseCode = "404", description = "No such case or referral")
    @APIResponse(responseCode = "409", description = "outcome-already-recorded")
    public TrackDtos.ReferralView recordOutcome(@PathParam("caseId") long caseId, @PathParam("referralId") long referralId,
                                                @Valid @NotNull TrackDtos.NewOutcome r) {
        return TrackService.view(tracks.recordOutcome(caseId, referralId, r));
    }
}
