package io.gucun.dues.subsidy;

import io.gucun.common.metrics.DatabaseGauges;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Grant shares owed because their fund ran short (paid first once it is topped up): how many and how much. The alert
 * GucunSubsidiesOwed (docs/operations.md) fires while any are owed for long.
 */
@ApplicationScoped
public class OwedGrantGauges {

    @Inject
    DatabaseGauges gauges;

    @Inject
    EntityManager em;

    void register(@Observes StartupEvent event) {
        gauges.register("gucun.dues.grants.owed", "Grant shares owed (fund too short), all programmes", null,
                () -> (Number) em.createNativeQuery("select count(*) from grant_share where status = 'OWED'").getSingleResult());
        gauges.register("gucun.dues.grants.owed.amount", "Sum of the grant shares owed, in fen", "fen",
                () -> (Number) em.createNativeQuery("select coalesce(sum(amount_fen), 0) from grant_share where status = 'OWED'")
                        .getSingleResult());
    }
}
