package io.gucun.dues.subsidy;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.events.membership.AssessmentEvents.AssessmentClosed;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** AssessmentClosed → the part-time chair's allowance for the year, applied once per event and once per assessment. */
@ApplicationScoped
public class MembershipAssessmentConsumer {

    static final String CONSUMER = "dues.membership-assessment";

    @Inject
    Inbox inbox;

    @Inject
    ChairAllowances allowances;

    private final EventReader events = EventReader.reading()
            .on(AssessmentClosed.class, this::closed, "assessmentId", "orgId", "year", "chairMemberId", "resultShown",
                    "satisfactionPercent", "closedAt", "chairPartTime", "chairMonthsInPost");

    @Incoming("membership-assessment")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, events);
    }

    EventReader events() {
        return events;
    }

    void closed(AssessmentClosed e) {
        allowances.assessmentClosed(e);
    }
}
