package io.gucun.membership.keys;

import io.gucun.common.pii.MatchingKeys;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The operator's levers on keyed hashes (docs/partners/keys.md): the re-hash job of a rotation, and the matching key
 * to hand a partner. The internal index keys have no operation: they never leave the service.
 */
@Path("/admin")
@Tag(name = "Keys", description = "Keyed-hash rotation and partners' matching keys (admin)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class KeyAdminResource {

    private static final Logger LOG = Logger.getLogger(KeyAdminResource.class);

    /** The partners that match people by keyed hash: the partner roles without their prefix. */
    static final Set<String> PARTNERS = Set.of(Roles.PARTNER_SOCIAL_INSURANCE, Roles.PARTNER_TAX, Roles.PARTNER_CREDIT)
            .stream().map(r -> r.substring("partner-".length())).collect(Collectors.toUnmodifiableSet());

    @Inject
    HashRotation rotation;

    @Inject
    MatchingKeys matchingKeys;

    @Inject
    CallerScope caller;

    @Schema(name = "MatchingKey", description = "A partner's matching key: HMAC-SHA256 under it of the 18-character resident"
            + " ID number (upper-case X, UTF-8), as lower-case hex, is the idHash the partner receives and sends")
    public record MatchingKeyView(
            @Schema(example = "social-insurance") String partner,
            @Schema(description = "The version of this key; items carry it as keyVersion", example = "1") int version,
            @Schema(description = "The version in use now; current + 1 is handed out ahead of a switch", example = "1")
            int currentVersion,
            @Schema(example = "HMAC-SHA256") String algorithm,
            @Schema(description = "The key, base64 (32 bytes): hand it over by the channel of the data-exchange agreement",
                    example = "q1m0C0bX3m4r0H2m5Jw6b1Jt6sQz2sVYl0m5b9kq8cA=") String key) {
    }

    @POST
    @Path("/hash-keys/rehash")
    @Operation(operationId = "startMemberRehash", summary = "Move stored keyed hashes to the current key version",
            description = "Starts the re-hash job of a rotation unless it runs already, and answers at once with its"
                    + " progress. The API keeps working meanwhile; poll GET until remaining is 0, then drop the previous"
                    + " version from gucun.pii.index-previous-versions. Each member whose ID-number hash moves is"
                    + " published (MemberIdNumberIndexed on membership.member.v1) so outreach keeps matching insured"
                    + " workers; publishAll=true publishes every member's hash, once after an upgrade. Idempotent.")
    @APIResponse(responseCode = "202", description = "Running; the progress so far")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response startRehash(
            @Parameter(description = "Also publish the ID-number hash of every member, not only of those moved (for"
                    + " members registered before member events carried it); ignored while a run is going on",
                    example = "false") @QueryParam("publishAll") @DefaultValue("false") boolean publishAll) {
        if (publishAll) {
            LOG.infof("every member's ID-number hash published on request of %s", caller.username());
        }
        return Response.accepted(rotation.start(publishAll)).build();
    }

    @GET
    @Path("/hash-keys/rehash")
    @Operation(operationId = "getMemberRehash", summary = "Progress of the re-hash job")
    @APIResponse(responseCode = "200", description = "The progress")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public HashRotation.Progress rehashProgress() {
        return rotation.progress();
    }

    @GET
    @Path("/matching-keys/{partner}")
    @Operation(operationId = "getPartnerMatchingKey", summary = "A partner's matching key, to hand to the partner",
            description = "Derived for the partner and version from the root secret (never the internal index key)."
                    + " Every read is logged with the admin's name.")
    @APIResponse(responseCode = "200", description = "The key (not cached)")
    @APIResponse(responseCode = "400", description = "version is not 1 to the current version + 1 (field version)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such partner")
    public Response matchingKey(
            @Parameter(description = "social-insurance, tax or credit", example = "social-insurance") @PathParam("partner")
            String partner,
            @Parameter(description = "Key version; the current one when absent", example = "1") @QueryParam("version")
            Integer version) {
        if (!PARTNERS.contains(partner)) {
            throw ApiException.notFound("partner", partner);
        }
        int current = matchingKeys.currentVersion(partner);
        int wanted = version == null ? current : version;
        if (wanted < 1 || wanted > current + 1) {
            throw ApiException.invalid("version", "must be from 1 to " + (current + 1) + " (the next version, ahead of a switch)");
        }
        LOG.infof("matching key of partner %s version %d handed out to %s", partner, wanted, caller.username());
        return Response.ok(new MatchingKeyView(partner, wanted, current, "HMAC-SHA256", matchingKeys.export(partner, wanted)))
                .header("Cache-Control", "no-store").build();
    }
}
