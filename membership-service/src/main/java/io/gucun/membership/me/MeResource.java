package io.gucun.membership.me;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import io.gucun.events.membership.OrgKind;
import io.gucun.membership.member.ApplicationStatus;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberDtos;
import io.gucun.membership.member.MembershipApplication;
import io.gucun.membership.member.MembershipTransfer;
import io.gucun.membership.member.TransferStatus;
import io.gucun.membership.org.UnionOrg;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Member self-service: the caller's own membership, found through the login linked to their member record. */
@Path("/me")
@Tag(name = "Me", description = "Your own membership")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CallerScope caller;

    @Schema(name = "MyOrg", description = "The org you belong to")
    public record MyOrg(@Schema(examples = "42") long id, @Schema(examples = "顾村镇快递行业联合工会") String name,
                        @Schema(examples = "JOINT_INDUSTRY") OrgKind kind, @Schema(examples = "1.3.4.42") String path) {
    }

    @Schema(name = "MyMembership", description = "Your member record (masked), your org, your history and what is pending")
    public record MyMembership(MemberDtos.MemberView member, MyOrg org, List<MemberDtos.PeriodView> history,
                               List<MemberDtos.ApplicationView> pendingApplications,
                               List<MemberDtos.TransferView> pendingTransfers) {
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
    @Operation(operationId = "getMyMembership", summary = "My membership, my org and my history")
    @APIResponse(responseCode = "200", description = "Your membership")
    @APIResponse(responseCode = "404", description = "No member record is linked to your login")
    public MyMembership me() {
        String subject = caller.subject().orElseThrow(() -> notLinked());
        Member m = Member.find("accountSubject", subject).firstResult();
        if (m == null) {
            throw notLinked();
        }
        UnionOrg org = m.orgId == null ? null : UnionOrg.findById(m.orgId);
        List<MembershipApplication> apps = MembershipApplication.list("memberId = ?1 and status = ?2", m.id,
                ApplicationStatus.PENDING);
        List<MembershipTransfer> transfers = MembershipTransfer.list("memberId = ?1 and status = ?2", m.id,
                TransferStatus.PENDING);
        return new MyMembership(MemberDtos.MemberView.of(m),
                org == null ? null : new MyOrg(org.id, org.name, org.kind, org.path),
                MemberDtos.PeriodView.history(m.id),
                apps.stream().map(MemberDtos.ApplicationView::of).toList(),
                transfers.stream().map(MemberDtos.TransferView::of).toList());
    }

    private static ApiException notLinked() {
        return new ApiException(404, "not-found", "Not found",
                "no member record is linked to your login; register yourself or ask an officer to link it", null, null);
    }
}
