package io.gucun.membership.me;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.membership.member.ApplicationStatus;
import io.gucun.membership.member.Member;
import io.gucun.membership.member.MemberDtos;
import io.gucun.membership.member.MembershipApplication;
import io.gucun.membership.member.MembershipTransfer;
import io.gucun.membership.member.TransferStatus;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Member self-service: the caller's own membership, found through the login linked to their member record. */
@ApplicationScoped
public class MeService {

    @Inject
    CallerScope caller;

    /** The caller's membership; 404 when no member record is linked to their login. */
    public MeDtos.MyMembership mine() {
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
        return new MeDtos.MyMembership(MemberDtos.MemberView.of(m),
                org == null ? null : new MeDtos.MyOrg(org.id, org.name, org.kind, org.path),
                MemberDtos.PeriodView.history(m.id),
                apps.stream().map(MemberDtos.ApplicationView::of).toList(),
                transfers.stream().map(MemberDtos.TransferView::of).toList());
    }

    private static ApiException notLinked() {
        return new ApiException(404, "not-found", "Not found",
                "no member record is linked to your login; register yourself or ask an officer to link it", null, null);
    }
}
