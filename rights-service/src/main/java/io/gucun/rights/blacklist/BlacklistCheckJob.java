package io.gucun.rights.blacklist;

import io.gucun.common.schema.SchemaMigrator;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs the blacklist check on a schedule (hourly by default; {@code rights.blacklist.check-every=off} turns it off). */
@ApplicationScoped
public class BlacklistCheckJob {

    private static final Logger LOG = Logger.getLogger(BlacklistCheckJob.class);

    @Inject
    BlacklistService blacklist;

    @Inject
    SchemaMigrator schema;

    @Scheduled(every = "${rights.blacklist.check-every:1h}", delayed = "${rights.blacklist.check-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        if (!schema.isReady()) {
            return;
        }
        int listed = blacklist.check(blacklist.now(), "blacklist-check").size();
        if (listed > 0) {
            LOG.infof("blacklist check listed %d enterprises", listed);
        }
    }
}
