package io.gucun.outreach.signup;

import io.gucun.common.metrics.DatabaseGauges;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Sign-ups membership-service has not accepted yet (it was unreachable; they are retried): how many, and how long the
 * oldest has waited. The alert GucunSignUpsPending (docs/operations.md) fires when one waits too long.
 */
@ApplicationScoped
public class SignUpGauges {

    @Inject
    DatabaseGauges gauges;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    void register(@Observes StartupEvent event) {
        gauges.register("gucun.outreach.signups.pending", "Sign-ups not yet accepted by membership-service", null,
                () -> em.createQuery("select count(s) from SignUp s where s.status = :pending", Long.class)
                        .setParameter("pending", SignUpStatus.PENDING).getSingleResult());
        gauges.register("gucun.outreach.signups.pending.oldest", "Age of the oldest sign-up not yet accepted; 0 when none",
                "seconds", () -> {
                    OffsetDateTime oldest = em.createQuery("select min(s.receivedAt) from SignUp s where s.status = :pending",
                            OffsetDateTime.class).setParameter("pending", SignUpStatus.PENDING).getSingleResult();
                    return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds());
                });
    }
}
