package io.gucun.common.replica;

import io.gucun.common.identity.CreditCode;
import io.gucun.common.inbox.EventReader;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.EnterpriseEvents.EnterpriseRegistered;
import io.gucun.events.membership.EnterpriseEvents.EnterpriseUpdated;
import io.gucun.events.membership.EnterpriseEvents.UnionFounded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Keeps a service's copy of the enterprise register ({@link KnownEnterprise}) in step with membership's enterprise
 * events; a service's consumer of membership.enterprise.v1 hands each event, once (Inbox), to {@link #events()}.
 * A founded union also fires {@link UnionFoundedSeen} inside the consuming transaction.
 */
@ApplicationScoped
public class EnterpriseReplica {

    @Inject
    Event<UnionFoundedSeen> unionFounded;

    /** Only for events from before their payload carried the time. */
    @Inject
    BusinessTime time;

    private final EventReader reader = EventReader.reading()
            .on(EnterpriseRegistered.class, this::registered,
                    "enterpriseId", "creditCode", "name", "orgId", "orgPath", "employeeCount", "establishedOn", "gridCode")
            .on(EnterpriseUpdated.class, this::updated,
                    "enterpriseId", "creditCode", "name", "orgId", "orgPath", "employeeCount", "establishedOn", "gridCode")
            .on(UnionFounded.class, this::founded, "enterpriseId", "creditCode", "unionOrgId", "orgPath", "foundedAt");

    public EventReader events() {
        return reader;
    }

    void registered(EnterpriseRegistered e) {
        KnownEnterprise known = KnownEnterprise.findById(e.enterpriseId());
        if (known == null) {
            known = new KnownEnterprise();
            known.id = e.enterpriseId();
        }
        known.creditCode = CreditCode.normalize(e.creditCode());
        known.name = e.name();
        known.orgId = e.orgId();
        known.orgPath = e.orgPath();
        known.employeeCount = e.employeeCount();
        known.establishedOn = e.establishedOn();
        known.gridCode = e.gridCode();
        known.persist();
    }

    void updated(EnterpriseUpdated e) {
        registered(new EnterpriseRegistered(e.enterpriseId(), e.creditCode(), e.name(), e.orgId(), e.orgPath(),
                e.employeeCount(), e.establishedOn(), e.gridCode()));
    }

    void founded(UnionFounded e) {
        KnownEnterprise known = KnownEnterprise.findById(e.enterpriseId());
        if (known == null) {
            // Registered before this service listened: keep what the founding tells; the enterprise sits where its
            // union's parent does, and its name is not known yet.
            known = new KnownEnterprise();
            known.id = e.enterpriseId();
            known.creditCode = CreditCode.normalize(e.creditCode());
            known.name = known.creditCode;
            int cut = e.orgPath().lastIndexOf('.');
            known.orgPath = cut < 0 ? e.orgPath() : e.orgPath().substring(0, cut);
            known.orgId = Long.parseLong(known.orgPath.substring(known.orgPath.lastIndexOf('.') + 1));
        }
        known.unionOrgId = e.unionOrgId();
        known.unionFoundedAt = e.foundedAt() != null ? e.foundedAt() : time.now();
        known.persist();
        unionFounded.fire(new UnionFoundedSeen(known.creditCode, e.unionOrgId(), known.unionFoundedAt));
    }
}
