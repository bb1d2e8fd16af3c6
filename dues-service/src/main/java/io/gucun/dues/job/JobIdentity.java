package io.gucun.dues.job;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/** Runs background work as the job's submitter, so the services' own scope checks (CallerScope) apply unchanged. */
@ApplicationScoped
public class JobIdentity {

    @Inject
    CurrentIdentityAssociation association;

    public <T> T callAs(Submitter submitter, Supplier<T> work) {
        ManagedContext requests = Arc.container().requestContext();
        // Never the identity of a request in progress on this thread (a test calling the runner): set aside meanwhile.
        InjectableContext.ContextState outer = requests.isActive() ? requests.getStateIfActive() : null;
        if (outer != null) {
            requests.deactivate();
        }
        requests.activate();
        try {
            association.setIdentity(submitter.identity());
            return work.get();
        } finally {
            requests.terminate();
            if (outer != null) {
                requests.activate(outer);
            }
        }
    }
}
