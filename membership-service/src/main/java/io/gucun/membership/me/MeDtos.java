package io.gucun.membership.me;

import io.gucun.membership.member.MemberDtos;
import io.gucun.events.membership.OrgKind;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class MeDtos {

    @Schema(name = "MyOrg", description = "The org you belong to")
    public record MyOrg(@Schema(examples = "42") long id, @Schema(examples = "顾村镇快递行业联合工会") String name,
                        @Schema(examples = "JOINT_INDUSTRY") OrgKind kind, @Schema(examples = "1.3.4.42") String path) {
    }

    @Schema(name = "MyMembership", description = "Your member record (masked), your org, your history and what is pending")
    public record MyMembership(MemberDtos.MemberView member, MyOrg org, List<MemberDtos.PeriodView> history,
                               List<MemberDtos.ApplicationView> pendingApplications,
                               List<MemberDtos.TransferView> pendingTransfers) {
    }

    private MeDtos() {
    }
}
