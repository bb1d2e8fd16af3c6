package io.gucun.membership.member;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.OrgPaths;
import io.gucun.common.security.Roles;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;

/**
 * Who may see and act on which member. Admins: everyone. A member: only themself (their login linked to the
 * member record). An officer: members whose current org lies in their subtree, plus the applicants and incoming
 * transfers addressed to an org in their subtree (they have to decide on them). Anything else is reported
 * missing (404): whether a person is registered is not the caller's business.
 */
@ApplicationScoped
public class MemberAccess {

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    public boolean isSelf(Member m) {
        return m.accountSubject != null && caller.subject().map(m.accountSubject::equals).orElse(false);
    }

    public boolean isOfficerOrAdmin() {
        return caller.isAdmin() || caller.hasRole(Roles.OFFICER);
    }

    public boolean canSee(Member m) {
        return canSee(m, viewer());
    }

    /** The caller as a {@link Viewer}, to be kept by work done later on their behalf (a roster job). */
    public Viewer viewer() {
        return new Viewer(caller.isAdmin(), caller.hasRole(Roles.OFFICER), caller.subject().orElse(null),
                caller.orgPath().orElse(null));
    }

    /** Whether {@code v} may see {@code m}: the rule of {@link #canSee(Member)} for a caller who is not the current one. */
    public boolean canSee(Member m, Viewer v) {
        if (v.admin() || m.accountSubject != null && m.accountSubject.equals(v.subject())) {
            return true;
        }
        if (!v.officer()) {
            return false;
        }
        UnionOrg current = m.orgId == null ? null : UnionOrg.findById(m.orgId);
        if (current != null && v.covers(current.path)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        List<String> pendingTargets = em.createNativeQuery("""
                select cast(o.path as varchar) from membership_application a join union_org o on o.id = a.org_id
                 where a.member_id = :m and a.status = 'PENDING'
                union all
                select cast(o.path as varchar) from membership_transfer t join union_org o on o.id = t.to_org_id
                 where t.member_id = :m and t.status = 'PENDING'""").setParameter("m", m.id).getResultList();
        return pendingTargets.stream().anyMatch(v::covers);
    }

    /** Who asks, as far as seeing members goes: admin, officer, their login's subject and org scope. */
    public record Viewer(boolean admin, boolean officer, String subject, String orgPath) {

        public boolean covers(String path) {
            return admin || orgPath != null && OrgPaths.isWithin(path, orgPath);
        }
    }

    /** Whether an officer's (or admin's) scope covers the member's current org. */
    public boolean coversCurrentOrg(Member m) {
        if (caller.isAdmin()) {
            return true;
        }
        if (m.orgId == null || !caller.hasRole(Roles.OFFICER)) {
            return false;
        }
        UnionOrg org = UnionOrg.findById(m.orgId);
        return org != null && caller.covers(org.path);
    }

    /** The member if the caller may see them, else 404. */
    public Member visible(long id) {
        Member m = Member.findById(id);
        if (m == null || !canSee(m)) {
            throw ApiException.notFound("member", id);
        }
        return m;
    }

    /** Like {@link #visible} but with the member's row locked for this transaction: every change of membership goes through here. */
    public Member visibleForUpdate(long id) {
        Member m = em.find(Member.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !canSee(m)) {
            throw ApiException.notFound("member", id);
        }
        return m;
    }

    /** 403 unless the caller is the member themself or manages the member's current org. */
    public void requireManage(Member m) {
        if (!isSelf(m) && !coversCurrentOrg(m)) {
            throw ApiException.forbidden("only the member themself or an officer of the member's organization may do this");
        }
    }
}
