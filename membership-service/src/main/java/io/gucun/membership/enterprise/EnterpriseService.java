package io.gucun.membership.enterprise;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.EnterpriseEvents;
import io.gucun.events.membership.OrgKind;
import io.gucun.membership.member.TransferService;
import io.gucun.membership.org.OrgDtos;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.OrgTreeRules;
import io.gucun.membership.org.Preconditions;
import io.gucun.membership.org.UnionOrg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;

@ApplicationScoped
public class EnterpriseService {

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    OrgService orgs;

    @Inject
    EntityManager em;

    @Inject
    MemberCustody transfers;

    @Inject
    BusinessTime time;

    /** Registers an enterprise under an open org in the caller's scope; one row per credit code nationwide. */
    @Transactional
    public EnterpriseDtos.EnterpriseView register(EnterpriseDtos.NewEnterprise request) {
        UnionOrg org = UnionOrg.findForChildren(request.orgId());
        if (org == null) {
            throw ApiException.invalid("orgId", "does not name an existing organization");
        }
        caller.requireCovers(org.path);
        OrgTreeRules.requireActive(org);
        EnterpriseRules.requireCanHoldEnterprise(org.kind);
        String code = CreditCode.normalize(request.creditCode());
        Enterprise existing = Enterprise.findByCreditCode(code);
        if (existing != null) {
            throw duplicate(existing);
        }
        Enterprise e = new Enterprise();
        e.creditCode = code;
        e.name = request.name().trim();
        e.address = request.address() == null ? null : request.address().trim();
        e.gridCode = request.gridCode();
        e.employeeCount = request.employeeCount();
        e.establishedOn = request.establishedOn();
        e.orgId = org.id;
        e.registeredAt = time.now();
        e.registeredBy = caller.username();
        try {
            e.persist();
            em.flush();
        } catch (PersistenceException ex) {
            if (ex instanceof ConstraintViolationException || ex.getCause() instanceof ConstraintViolationException) {
                // Registered concurrently by someone else between our check and our insert.
                throw ApiException.conflict("duplicate-enterprise",
                        "an enterprise with this credit code is already registered", Map.of("creditCode", code));
            }
            throw ex;
        }
        outbox.record(EnterpriseEvents.AGGREGATE, e.id, "EnterpriseRegistered",
                new EnterpriseEvents.EnterpriseRegistered(e.id, e.creditCode, e.name, org.id, org.path, e.employeeCount,
                        e.establishedOn, e.gridCode));
        return view(e, org, null);
    }

    public EnterpriseDtos.EnterpriseView get(long id) {
        Enterprise e = Enterprise.findById(id);
        UnionOrg org = e == null ? null : UnionOrg.findById(e.orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("enterprise", id);
        }
        return view(e, org, e.unionOrgId == null ? null : UnionOrg.findById(e.unionOrgId));
    }

    public EnterpriseDtos.EnterpriseView getByCreditCode(String raw) {
        CreditCode.problemWith(raw).ifPresent(problem -> {
            throw ApiException.invalid("creditCode", problem);
        });
        String code = CreditCode.normalize(raw);
        Enterprise e = Enterprise.findByCreditCode(code);
        UnionOrg org = e == null ? null : UnionOrg.findById(e.orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("enterprise", code);
        }
        return view(e, org, e.unionOrgId == null ? null : UnionOrg.findById(e.unionOrgId));
    }

    /**
     * Enterprises under an org's subtree (one indexed {@code path <@} query), oldest registration first.
     * {@code underOrgId} null means the caller's own scope.
     */
    public Page<EnterpriseDtos.EnterpriseView> list(Long underOrgId, Boolean hasUnion, Integer minEmployees,
                                                    LocalDate establishedBefore, PageRequest page) {
        String anchor;
        if (underOrgId == null) {
            anchor = caller.orgPath().orElse(caller.isAdmin() ? "1" : null);
            if (anchor == null) {
                throw ApiException.forbidden("your token names no organization scope");
            }
        } else {
            anchor = orgs.get(underOrgId).path;
        }
        StringBuilder where = new StringBuilder("""
                 from enterprise e
                 join union_org eo on eo.id = e.org_id
                 left join union_org u on u.id = e.union_org_id
                where eo.path <@ cast(:anchor as ltree)""");
        Map<String, Object> params = new HashMap<>();
        params.put("anchor", anchor);
        if (hasUnion != null) {
            // Without a union means a founding target: a closed enterprise is none.
            where.append(hasUnion ? " and u.status = 'ACTIVE'"
                    : " and (u.id is null or u.status <> 'ACTIVE') and e.closed_on is null");
        }
        if (minEmployees != null) {
            where.append(" and e.employee_count >= :minEmployees");
            params.put("minEmployees", minEmployees);
        }
        if (establishedBefore != null) {
            where.append(" and e.established_on < :establishedBefore");
            params.put("establishedBefore", establishedBefore);
        }
        var countQuery = em.createNativeQuery("select count(*)" + where);
        var idQuery = em.createNativeQuery("select e.id" + where + " order by e.id limit :limit offset :offset");
        params.forEach((k, v) -> {
            countQuery.setParameter(k, v);
            idQuery.setParameter(k, v);
        });
        long total = ((Number) countQuery.getSingleResult()).longValue();
        List<Long> ids = ((List<?>) idQuery.setParameter("limit", page.size()).setParameter("offset", page.offset())
                .getResultList()).stream().map(n -> ((Number) n).longValue()).toList();
        return new Page<>(views(ids), page.page(), page.size(), total);
    }

    /**
     * Founds the enterprise's union (建会): an ENTERPRISE-kind org under the enterprise's org, with OrgCreated and
     * UnionFounded in the same transaction. A second founding while the first union is active is a 409 naming it.
     */
    @Transactional
    public EnterpriseDtos.FoundedUnion foundUnion(long id, EnterpriseDtos.FoundUnion request) {
        Enterprise e = Enterprise.findForUpdate(id);
        if (e == null) {
            throw ApiException.notFound("enterprise", id);
        }
        EnterpriseRules.requireOperating(e.id, e.closedOn);
        // Share-locked before its path is read: a concurrent move of the org commits first or waits for us.
        UnionOrg org = UnionOrg.findForChildren(e.orgId);
        caller.requireCovers(org.path);
        if (e.unionOrgId != null) {
            UnionOrg existing = UnionOrg.findById(e.unionOrgId);
            if (existing != null && existing.isActive()) {
                throw ApiException.conflict("union-already-founded",
                        "enterprise " + e.id + " founded its union on " + e.unionFoundedAt + ": organization " + existing.id,
                        Map.of("unionOrgId", existing.id, "unionOrgPath", existing.path,
                                "unionFoundedAt", e.unionFoundedAt.toString(),
                                "unionOrg", "/api/membership/orgs/" + existing.id));
            }
        }
        OffsetDateTime now = time.now();
        String name = request == null ? null : request.name();
        OffsetDateTime foundedAt = request == null || request.foundedAt() == null ? now
                : request.foundedAt().withOffsetSameInstant(ZoneOffset.UTC);
        EnterpriseRules.requireFoundingDate(foundedAt, e.establishedOn, now);
        UnionOrg union = orgs.createChild(org.id, "orgId", EnterpriseRules.unionName(e.name, name), OrgKind.ENTERPRISE,
                null, null, null);
        e.unionOrgId = union.id;
        e.unionFoundedAt = foundedAt;
        em.flush();
        outbox.record(EnterpriseEvents.AGGREGATE, e.id, "UnionFounded",
                new EnterpriseEvents.UnionFounded(e.id, e.creditCode, union.id, union.path, foundedAt));
        return new EnterpriseDtos.FoundedUnion(view(e, org, union), OrgDtos.OrgView.of(union));
    }

    /**
     * The enterprise closed down. Its active union closes with it and the union above holds the members' memberships
     * (MemberTransferred reason EMPLOYER_CLOSED, OrgClosed, EnterpriseClosed) — all in one transaction.
     */
    @Transactional
    public EnterpriseDtos.Closed close(long id, EnterpriseDtos.Closure request) {
        Enterprise e = Enterprise.findForUpdate(id);
        UnionOrg org = e == null ? null : UnionOrg.findById(e.orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("enterprise", id);
        }
        EnterpriseRules.requireOperating(e.id, e.closedOn);
        OffsetDateTime now = time.now();
        EnterpriseRules.requireClosingDate(request.closedOn(), e.establishedOn, time.today());
        String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        Long closedUnion = null;
        Long heldBy = null;
        MemberCustody.Custody custody = new MemberCustody.Custody(0, 0, 0);
        UnionOrg union = e.unionOrgId == null ? null : UnionOrg.findForUpdate(e.unionOrgId);
        if (union != null && union.isActive()) {
            UnionOrg upper = UnionOrg.findForChildren(union.parentId);
            custody = transfers.holdByUpperUnion(union, upper, now,
                    "the employer " + e.creditCode + " closed on " + request.closedOn() + "; membership held by " + upper.name);
            orgs.closeLocked(union);
            closedUnion = union.id;
            heldBy = upper.id;
        }
        e.closedOn = request.closedOn();
        e.closedAt = now;
        e.closedBy = caller.username();
        e.closureNote = note;
        em.flush();
        outbox.record(EnterpriseEvents.AGGREGATE, e.id, "EnterpriseClosed", new EnterpriseEvents.EnterpriseClosed(
                e.id, e.creditCode, e.closedOn, closedUnion, heldBy, custody.membersHeld()));
        return new EnterpriseDtos.Closed(view(e, org, union), closedUnion, heldBy, custody.membersHeld(),
                custody.transfersSettled(), custody.applicationsRejected());
    }

    /**
     * Changes an enterprise's details (optimistic: the version read). A new orgId moves it there, and its active union
     * with it (OrgMoved). Closed enterprises are history and cannot change.
     */
    @Transactional
    public EnterpriseDtos.EnterpriseView update(long id, EnterpriseDtos.EnterpriseChange request, String ifMatch) {
        Enterprise e = Enterprise.findForUpdate(id);
        UnionOrg org = e == null ? null : UnionOrg.findById(e.orgId);
        if (org == null || !caller.covers(org.path)) {
            throw ApiException.notFound("enterprise", id);
        }
        Preconditions.requireVersion(e.version, ifMatch, request.version());
        EnterpriseRules.requireOperating(e.id, e.closedOn);
        if (request.establishedOn() != null && e.unionFoundedAt != null
                && e.unionFoundedAt.toLocalDate().isBefore(request.establishedOn())) {
            throw ApiException.invalid("establishedOn", "must not be after its union was founded (" + e.unionFoundedAt.toLocalDate() + ")");
        }
        UnionOrg union = e.unionOrgId == null ? null : UnionOrg.findById(e.unionOrgId);
        boolean moved = !request.orgId().equals(e.orgId);
        if (moved) {
            UnionOrg target = UnionOrg.findForChildren(request.orgId());
            if (target == null) {
                throw ApiException.invalid("orgId", "does not name an existing organization");
            }
            caller.requireCovers(target.path);
            OrgTreeRules.requireActive(target);
            EnterpriseRules.requireCanHoldEnterprise(target.kind);
            if (union != null && union.isActive()) {
                union = orgs.move(union.id, new OrgDtos.Move(target.id, union.version), null);
            }
            e.orgId = target.id;
            org = target;
        }
        e.name = request.name().trim();
        e.address = request.address() == null || request.address().isBlank() ? null : request.address().trim();
        e.gridCode = request.gridCode();
        e.employeeCount = request.employeeCount();
        e.establishedOn = request.establishedOn();
        em.flush();
        outbox.record(EnterpriseEvents.AGGREGATE, e.id, "EnterpriseUpdated", new EnterpriseEvents.EnterpriseUpdated(
                e.id, e.creditCode, e.name, org.id, org.path, e.employeeCount, e.establishedOn, e.gridCode, moved));
        return view(e, org, union);
    }

    /** The union a worker of the employer with this credit code should join (see {@link UnionMatching}). */
    public EnterpriseDtos.UnionMatchView matchUnion(String raw) {
        if (raw == null || raw.isBlank()) {
            return new EnterpriseDtos.UnionMatchView(null, null, UnionMatching.Reason.NO_EMPLOYER, null, List.of());
        }
        CreditCode.problemWith(raw).ifPresent(problem -> {
            throw ApiException.invalid("creditCode", problem);
        });
        String code = CreditCode.normalize(raw);
        Enterprise e = Enterprise.findByCreditCode(code);
        if (e == null || e.closedOn != null) {
            return new EnterpriseDtos.UnionMatchView(code, null, UnionMatching.Reason.EMPLOYER_UNKNOWN, null, List.of());
        }
        UnionOrg union = e.unionOrgId == null ? null : UnionOrg.findById(e.unionOrgId);
        UnionOrg at = UnionOrg.findById(e.orgId);
        List<UnionMatching.Candidate> joints = UnionOrg.<UnionOrg>list(
                        "parentId = ?1 and status = ?2 and kind in ?3", at.id, UnionOrg.Status.ACTIVE,
                        List.of(OrgKind.JOINT_AREA, OrgKind.JOINT_INDUSTRY))
                .stream().map(EnterpriseService::candidate).toList();
        UnionMatching.Match m = UnionMatching.match(union != null && union.isActive() ? candidate(union) : null,
                candidate(at), at.isActive() ? joints : List.of());
        return new EnterpriseDtos.UnionMatchView(code, e.name, m.reason(), m.recommended(), m.alternatives());
    }

    /** The employer's active enterprise union, if the credit code names an operating enterprise that has one. */
    public Long activeUnionOf(String normalizedCreditCode) {
        if (normalizedCreditCode == null) {
            return null;
        }
        Enterprise e = Enterprise.findByCreditCode(normalizedCreditCode);
        if (e == null || e.unionOrgId == null || e.closedOn != null) {
            return null;
        }
        UnionOrg union = UnionOrg.findById(e.unionOrgId);
        return union != null && union.isActive() ? union.id : null;
    }

    private static UnionMatching.Candidate candidate(UnionOrg o) {
        return new UnionMatching.Candidate(o.id, o.name, o.kind, o.path);
    }

    private ApiException duplicate(Enterprise existing) {
        UnionOrg org = UnionOrg.findById(existing.orgId);
        Map<String, Object> ext = new HashMap<>();
        ext.put("creditCode", existing.creditCode);
        if (org != null && caller.covers(org.path)) {
            // Only point to the existing row when the caller may read it.
            ext.put("enterpriseId", existing.id);
        }
        return ApiException.conflict("duplicate-enterprise",
                "an enterprise with credit code " + existing.creditCode + " is already registered", ext);
    }

    private List<EnterpriseDtos.EnterpriseView> views(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Enterprise> byId = Enterprise.<Enterprise>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(x -> x.id, Function.identity()));
        Set<Long> orgIds = new HashSet<>();
        byId.values().forEach(x -> {
            orgIds.add(x.orgId);
            if (x.unionOrgId != null) {
                orgIds.add(x.unionOrgId);
            }
        });
        Map<Long, UnionOrg> orgsById = UnionOrg.<UnionOrg>list("id in ?1", orgIds).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        List<EnterpriseDtos.EnterpriseView> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Enterprise x = byId.get(id);
            out.add(view(x, orgsById.get(x.orgId), x.unionOrgId == null ? null : orgsById.get(x.unionOrgId)));
        }
        return out;
    }

    private static EnterpriseDtos.EnterpriseView view(Enterprise e, UnionOrg org, UnionOrg union) {
        return new EnterpriseDtos.EnterpriseView(e.id, e.creditCode, e.name, e.address, e.gridCode, e.employeeCount,
                e.establishedOn, e.orgId, org.path, union != null && union.isActive(), e.unionOrgId, e.unionFoundedAt,
                e.registeredAt, e.closedOn, e.version);
    }
}
