package io.gucun.membership.org;

import io.gucun.common.outbox.Outbox;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.OrgPaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@ApplicationScoped
public class OrgService {

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    /** Creates an org under a parent the caller may manage; the org and its OrgCreated event commit together. */
    @Transactional
    public UnionOrg create(OrgDtos.NewOrg request) {
        UnionOrg parent = UnionOrg.findById(request.parentId());
        if (parent == null) {
            throw ApiException.invalid("parentId", "does not name an existing organization");
        }
        caller.requireCovers(parent.path);
        if (parent.status != UnionOrg.Status.ACTIVE) {
            throw ApiException.unprocessable("org-closed", "organization " + parent.id + " is closed");
        }
        if (!parent.kind.canContain(request.kind())) {
            throw ApiException.invalid("kind", "a " + request.kind() + " cannot be placed under a " + parent.kind);
        }
        UnionOrg org = new UnionOrg();
        org.id = UnionOrg.nextId();
        org.path = OrgPaths.child(parent.path, org.id);
        org.parentId = parent.id;
        org.name = request.name().trim();
        org.kind = request.kind();
        org.regionCode = request.regionCode() != null ? request.regionCode() : parent.regionCode;
        org.status = UnionOrg.Status.ACTIVE;
        org.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        org.createdBy = caller.username();
        org.persist();
        outbox.record(OrgEvents.AGGREGATE, org.id, "OrgCreated",
                new OrgEvents.OrgCreated(org.id, org.parentId, org.path, org.name, org.kind, org.regionCode));
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
}
