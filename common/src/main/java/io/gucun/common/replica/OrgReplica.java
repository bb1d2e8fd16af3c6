package io.gucun.common.replica;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.OrgEvents.OrgClosed;
import io.gucun.events.membership.OrgEvents.OrgCreated;
import io.gucun.events.membership.OrgEvents.OrgMoved;
import io.gucun.events.membership.OrgEvents.OrgRenamed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a service's copy of the union tree ({@link KnownOrg}) in step with membership's org events. A service's
 * consumer of membership.org.v1 hands each event, once (Inbox), to {@link #events()}.
 * <p>
 * Extension points: an OrgMoved also rewrites the paths in the tables a service names in its {@link OrgPathColumns}
 * bean, and an OrgCreated fires {@link OrgCreatedSeen}, both inside the consuming transaction.
 */
@ApplicationScoped
public class OrgReplica {

    /** Always rewritten on a move: the replica's own path columns. */
    static final List<OrgPathColumns.PathColumn> REPLICA_PATHS = List.of(
            new OrgPathColumns.PathColumn("known_org", "path"),
            new OrgPathColumns.PathColumn("known_enterprise", "org_path"));

    @Inject
    Instance<OrgPathColumns> servicePaths;

    @Inject
    Event<OrgCreatedSeen> orgCreated;

    /** Only for events from before their payload carried the time. */
    @Inject
    BusinessTime time;

    private final EventReader reader = EventReader.reading()
            .on(OrgCreated.class, this::created, "orgId", "parentId", "path", "name", "kind", "areaType")
            .on(OrgRenamed.class, this::renamed, "orgId", "newName")
            .on(OrgMoved.class, this::moved, "orgId", "newParentId", "oldPath", "newPath")
            .on(OrgClosed.class, this::closed, "orgId", "closedAt");

    public EventReader events() {
        return reader;
    }

    void created(OrgCreated e) {
        if (e.kind() == null) {
            throw new IllegalArgumentException("OrgCreated " + e.orgId() + " names a kind of org this service does not know");
        }
        KnownOrg org = KnownOrg.findById(e.orgId());
        if (org == null) {
            org = new KnownOrg();
            org.id = e.orgId();
        }
        org.parentId = e.parentId();
        org.path = e.path();
        org.name = e.name();
        org.kind = e.kind();
        org.areaType = e.areaType();
        org.persist();
        orgCreated.fire(new OrgCreatedSeen(e.orgId(), e.path(), e.kind()));
    }

    void renamed(OrgRenamed e) {
        KnownOrg.update("name = ?1 where id = ?2", e.newName(), e.orgId());
    }

    /** The whole subtree moves with the org: every stored path under the old one is rewritten, here and in the service's tables. */
    void moved(OrgMoved e) {
        List<OrgPathColumns.PathColumn> targets = new ArrayList<>(REPLICA_PATHS);
        servicePaths.forEach(p -> targets.addAll(p.orgPathColumns()));
        for (OrgPathColumns.PathColumn target : targets) {
            String column = target.column();
            KnownOrg.getEntityManager().createNativeQuery(
                            // new parent's path || the part from the moved org down (subpath cannot return an empty ltree)
                            "update " + target.table() + " set " + column
                                    + " = subpath(cast(?1 as ltree), 0, nlevel(cast(?1 as ltree)) - 1)"
                                    + " || subpath(" + column + ", nlevel(cast(?2 as ltree)) - 1)"
                                    + " where " + column + " <@ cast(?2 as ltree)")
                    .setParameter(1, e.newPath())
                    .setParameter(2, e.oldPath())
                    .executeUpdate();
        }
        KnownOrg.update("parentId = ?1 where id = ?2", e.newParentId(), e.orgId());
    }

    void closed(OrgClosed e) {
        KnownOrg.update("closedAt = ?1 where id = ?2", e.closedAt() != null ? e.closedAt() : time.now(), e.orgId());
    }
}
