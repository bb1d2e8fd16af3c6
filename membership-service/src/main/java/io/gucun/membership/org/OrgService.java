package io.gucun.membership.org;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.OrgPaths;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.AreaType;
import io.gucun.events.membership.OrgEvents;
import io.gucun.events.membership.OrgKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class OrgService {

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    /** Creates an org under a parent the caller may manage; the org and its OrgCreated event commit together. */
    @Transactional
    public UnionOrg create(OrgDtos.NewOrg request) {
        OrgTreeRules.requireValidDetails(request.kind(), request.areaType(), request.industry());
        return createChild(request.parentId(), "parentId", request.name(), request.kind(), request.regionCode(),
                request.areaType(), request.industry());
    }

    /**
     * Creates an org under {@code parentId} inside the caller's transaction (also used when an enterprise founds its
     * union). The parent row stays share-locked until commit, so it cannot be moved or closed meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UnionOrg createChild(long parentId, String parentField, String name, OrgKind kind, String regionCode,
                                AreaType areaType, String industry) {
        UnionOrg parent = UnionOrg.findForChildren(parentId);
        if (parent == null) {
            throw ApiException.invalid(parentField, "does not name an existing organization");
        }
        caller.requireCovers(parent.path);
        OrgTreeRules.requireActive(parent);
        OrgTreeRules.requirePlacement("kind", parent.kind, kind);
        UnionOrg org = new UnionOrg();
        org.id = UnionOrg.nextId();
        org.path = OrgPaths.child(parent.path, org.id);
        org.parentId = parent.id;
        org.name = name.trim();
        org.kind = kind;
        org.regionCode = regionCode != null ? regionCode : parent.regionCode;
        org.areaType = areaType;
        org.industry = industry == null ? null : industry.trim();
        org.status = UnionOrg.Status.ACTIVE;
        org.createdAt = time.now();
        org.createdBy = caller.username();
        org.persist();
        outbox.record(OrgEvents.AGGREGATE, org.id, "OrgCreated",
                new OrgEvents.OrgCreated(org.id, org.parentId, org.path, org.name, org.kind, org.regionCode,
                        org.areaType, org.industry));
        return org;
    }

    /** The org a request field names: 400 naming {@code field} when there is none, 403 outside the caller's scope. */
    public UnionOrg namedInScope(Long id, String field) {
        UnionOrg org = id == null ? null : UnionOrg.findById(id);
        if (org == null) {
            throw ApiException.invalid(field, "does not name an existing organization");
        }
        caller.requireCovers(org.path);
        return org;
    }

    public UnionOrg get(long id) {
        UnionOrg org = UnionOrg.findById(id);
        if (org == null || !caller.covers(org.path)) {
            // Outside one's scope an org is reported missing: its existence is not the caller's business.
            throw ApiException.notFound("organization", id);
        }
        return org;
    }

    @Transactional
    public UnionOrg rename(long id, OrgDtos.Rename request, String ifMatch) {
        UnionOrg org = lockForChange(id, ifMatch, request.version());
        String newName = request.name().trim();
        if (newName.equals(org.name)) {
            return org;
        }
        String oldName = org.name;
        org.name = newName;
        em.flush();
        outbox.record(OrgEvents.AGGREGATE, org.id, "OrgRenamed", new OrgEvents.OrgRenamed(org.id, org.path, oldName, newName));
        return org;
    }

    /**
     * Moves an org and its whole subtree under a new parent. The subtree's rows are locked first (so a child being
     * created under any of them commits before, or waits and sees the new path), then every path is rewritten by one
     * indexed statement.
     */
    @Transactional
    public UnionOrg move(long id, OrgDtos.Move request, String ifMatch) {
        UnionOrg org = lockForChange(id, ifMatch, request.version());
        UnionOrg parent = UnionOrg.findForChildren(request.parentId());
        if (parent == null) {
            throw ApiException.invalid("parentId", "does not name an existing organization");
        }
        caller.requireCovers(parent.path);
        OrgTreeRules.requireMovable(org.path, org.kind, parent.path, parent.kind);
        OrgTreeRules.requireActive(parent);
        if (parent.id.equals(org.parentId)) {
            return org;
        }
        String oldPath = org.path;
        String newPath = OrgPaths.child(parent.path, org.id);
        Long oldParentId = org.parentId;
        em.createNativeQuery("select id from union_org where path <@ cast(:p as ltree) order by id for update")
                .setParameter("p", oldPath).getResultList();
        int moved = em.createNativeQuery("""
                        update union_org
                           set path = cast(:parentPath as ltree) || subpath(path, nlevel(cast(:oldPath as ltree)) - 1),
                               parent_id = case when id = :id then :parentId else parent_id end,
                               version = version + 1
                         where path <@ cast(:oldPath as ltree)""")
                .setParameter("parentPath", parent.path)
                .setParameter("oldPath", oldPath)
                .setParameter("id", org.id)
                .setParameter("parentId", parent.id)
                .executeUpdate();
        em.refresh(org);
        outbox.record(OrgEvents.AGGREGATE, org.id, "OrgMoved",
                new OrgEvents.OrgMoved(org.id, oldParentId, parent.id, oldPath, newPath, moved));
        return org;
    }

    @Transactional
    public UnionOrg close(long id, OrgDtos.Close request, String ifMatch) {
        return closeLocked(lockForChange(id, ifMatch, request == null ? null : request.version()));
    }

    /** Closes an org the caller has locked (e.g. an enterprise union whose employer closed): the same rules apply. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UnionOrg closeLocked(UnionOrg org) {
        long activeChildren = count("select count(*) from union_org where parent_id = :id and status = 'ACTIVE'", org.id);
        long activeMembers = count("select coalesce(sum(members), 0) from org_member_count where org_id = :id", org.id);
        OrgTreeRules.requireClosable(org.path, org.status, activeChildren, activeMembers);
        org.status = UnionOrg.Status.CLOSED;
        org.closedAt = time.now();
        org.closedBy = caller.username();
        em.flush();
        outbox.record(OrgEvents.AGGREGATE, org.id, "OrgClosed",
                new OrgEvents.OrgClosed(org.id, org.path, org.name, org.kind, org.closedAt));
        return org;
    }

    /** The org and everything under it (one {@code path <@} query), depth first, with counts per org. */
    @Transactional
    public Page<OrgDtos.OrgSummary> subtree(long id, OrgKind kind, UnionOrg.Status status, PageRequest page) {
        UnionOrg root = get(id);
        return list("o.path <@ cast(:anchor as ltree)", root.path, kind, status, page);
    }

    /** The orgs directly under one org. */
    @Transactional
    public Page<OrgDtos.OrgSummary> children(long id, OrgKind kind, UnionOrg.Status status, PageRequest page) {
        UnionOrg parent = get(id);
        return list("o.parent_id = :anchor", parent.id, kind, status, page);
    }

    private Page<OrgDtos.OrgSummary> list(String anchorCondition, Object anchor, OrgKind kind, UnionOrg.Status status,
                                          PageRequest page) {
        StringBuilder where = new StringBuilder(" from union_org o where ").append(anchorCondition);
        Map<String, Object> params = new HashMap<>();
        params.put("anchor", anchor);
        if (kind != null) {
            where.append(" and o.kind = :kind");
            params.put("kind", kind.name());
        }
        if (status != null) {
            where.append(" and o.status = :status");
            params.put("status", status.name());
        }
        var countQuery = em.createNativeQuery("select count(*)" + where);
        var idQuery = em.createNativeQuery("select o.id" + where + " order by o.path limit :limit offset :offset");
        params.forEach((k, v) -> {
            countQuery.setParameter(k, v);
            idQuery.setParameter(k, v);
        });
        long total = ((Number) countQuery.getSingleResult()).longValue();
        List<Long> ids = ((List<?>) idQuery.setParameter("limit", page.size()).setParameter("offset", page.offset())
                .getResultList()).stream().map(n -> ((Number) n).longValue()).toList();
        return new Page<>(summaries(ids), page.page(), page.size(), total);
    }

    /** The orgs with the given ids, in that order, each with counts over its subtree. */
    List<OrgDtos.OrgSummary> summaries(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, UnionOrg> orgs = UnionOrg.<UnionOrg>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        Map<Long, OrgDtos.Counts> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select o.id,
                               (select count(*) from union_org c where c.parent_id = o.id and c.status = 'ACTIVE'),
                               (select coalesce(sum(m.members), 0)
                                  from org_member_count m join union_org mo on mo.id = m.org_id
                                 where mo.path <@ o.path),
                               ec.total,
                               ec.with_union
                          from union_org o
                          left join lateral (
                                select count(*) as total, count(*) filter (where u.status = 'ACTIVE') as with_union
                                  from enterprise e
                                  join union_org eo on eo.id = e.org_id
                                  left join union_org u on u.id = e.union_org_id
                                 where eo.path <@ o.path) ec on true
                         where o.id in (:ids)""")
                .setParameter("ids", ids).getResultList();
        for (Object[] r : rows) {
            long total = ((Number) r[3]).longValue();
            long withUnion = ((Number) r[4]).longValue();
            counts.put(((Number) r[0]).longValue(), new OrgDtos.Counts(((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(), total, withUnion, total - withUnion));
        }
        List<OrgDtos.OrgSummary> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            out.add(new OrgDtos.OrgSummary(OrgDtos.OrgView.of(orgs.get(id)), counts.get(id)));
        }
        return out;
    }

    /**
     * Locks an org for a change by the caller: 404 when it does not exist, 403 outside the caller's scope, then the
     * caller's version precondition, then 422 when it is closed.
     */
    private UnionOrg lockForChange(long id, String ifMatch, Integer bodyVersion) {
        UnionOrg org = UnionOrg.findForUpdate(id);
        if (org == null) {
            throw ApiException.notFound("organization", id);
        }
        caller.requireCovers(org.path);
        Preconditions.requireVersion(org.version, ifMatch, bodyVersion);
        OrgTreeRules.requireActive(org);
        return org;
    }

    private long count(String sql, long id) {
        return ((Number) em.createNativeQuery(sql).setParameter("id", id).getSingleResult()).longValue();
    }
}
