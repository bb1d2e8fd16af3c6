package io.gucun.common.outbox;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * The relay's safety net: events are normally published right after their commit, and this poll picks
 * up whatever that missed (Kafka was down, the process restarted). It waits for the end of start-up,
 * because the relay's Kafka emitter can only be wired once messaging has started.
 */
@ApplicationScoped
public class OutboxPoller {

    @Inject
    Instance<OutboxRelay> relay;

    private volatile boolean started;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${gucun.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started) {
            relay.get().requestDrain();
        }
    }
}
