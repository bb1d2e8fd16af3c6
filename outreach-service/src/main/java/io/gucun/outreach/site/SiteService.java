package io.gucun.outreach.site;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.problem.ApiException;
import io.gucun.common.time.BusinessTime;
import io.gucun.outreach.membership.OrgScopes;
import io.gucun.outreach.membership.UnionWorkers;
import io.gucun.common.api.NativePage;
import io.gucun.common.replica.KnownOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SiteService {

    @Inject
    OrgScopes scopes;

    @Inject
    BusinessTime time;

    @Inject
    UnionWorkers workers;

    @Transactional
    public Site create(SiteDtos.NewSite r) {
        KnownOrg org = scopes.visibleOrg(r.orgId(), "orgId");
        if (org.isClosed()) {
            throw ApiException.unprocessable("org-closed", "the org is closed");
        }
        Site s = new Site();
        s.name = r.name().trim();
        s.kind = r.kind();
        s.orgId = org.id;
        s.orgPath = org.path;
        s.gridCode = r.gridCode() == null || r.gridCode().isBlank() ? null : r.gridCode().trim();
        s.address = r.address();
        s.createdAt = now();
        s.createdBy = scopes.username();
        s.persist();
        if (r.ownerStaff() != null && !r.ownerStaff().isBlank()) {
            handOver(s, workers.requireAssignable(r.ownerStaff(), s.orgPath, "ownerStaff"), "ASSIGNED", s.createdAt);
        }
        return s;
    }

    public Site get(long id) {
        Site s = Site.findById(id);
        if (s == null) {
            throw ApiException.notFound("site", id);
        }
        scopes.requireCovers(s.orgPath);
        return s;
    }

    public Page<SiteDtos.SiteView> list(Long orgId, PageRequest page) {
        String root = scopes.subtree(orgId);
        return NativePage.of(Site.getEntityManager(), "from site where org_path <@ cast(:root as ltree)", "id", "id",
                Map.of("root", root), page, Site.class).map(SiteDtos.SiteView::of);
    }

    @Transactional
    public Site changeOwner(long id, String staff) {
        Site s = get(id);
        handOver(s, workers.requireAssignable(staff, s.orgPath, "staff"), "ASSIGNED", now());
        return s;
    }

    @Transactional
    public List<Site> rotate(List<Long> siteIds) {
        Map<Long, String> owners = new HashMap<>();
        Map<Long, Site> sites = new HashMap<>();
        for (Long id : siteIds) {
            Site s = get(id);
            sites.put(id, s);
            if (s.ownerStaff != null) {
                owners.put(id, s.ownerStaff);
            }
        }
        Map<Long, String> next;
        try {
            next = Rotation.next(siteIds, owners);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("siteIds", e.getMessage());
        }
        // An owner moves on only to a site they may serve, and only while still a union worker in term.
        next.forEach((id, staff) -> workers.requireAssignable(staff, sites.get(id).orgPath, "siteIds"));
        OffsetDateTime at = now();
        next.forEach((id, staff) -> handOver(sites.get(id), staff, "ROTATION", at));
        return siteIds.stream().map(sites::get).toList();
    }

    public List<SiteOwnership> ownerships(long id) {
        get(id);
        return SiteOwnership.list("siteId = ?1 order by startedAt, id", id);
    }

    private void handOver(Site s, String staff, String reason, OffsetDateTime at) {
        SiteOwnership.update("endedAt = ?1 where siteId = ?2 and endedAt is null", at, s.id);
        SiteOwnership o = new SiteOwnership();
        o.siteId = s.id;
        o.staff = staff;
        o.startedAt = at;
        o.reason = reason;
        o.persist();
        s.ownerStaff = staff;
    }

    OffsetDateTime now() {
        return time.now();
    }
}
