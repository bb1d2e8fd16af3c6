package io.gucun.dues.subsidy;

import io.gucun.common.inbox.EventReader;
import io.gucun.common.inbox.Inbox;
import io.gucun.events.membership.MemberEvents.MemberJoined;
import io.gucun.events.membership.MemberEvents.MemberRegistered;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * MemberJoined → the recruitment subsidy (and the "两非一无" funding for members MemberRegistered said work outside
 * standard employment), applied once per event and, by the grant's own key, once per member.
 */
@ApplicationScoped
public class MembershipMemberConsumer {

    static final String CONSUMER = "dues.membership-member";

    @Inject
    Inbox inbox;

    @Inject
    SubsidyService subsidies;

    /** Tolerant reader: other member events do not move money. */
    private final EventReader events = EventReader.reading()
            .on(MemberRegistered.class, this::registered, "memberId", "employmentForm")
            .on(MemberJoined.class, this::joined, "memberId", "orgId", "orgPath", "joinedAt");

    @Incoming("membership-member")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, events);
    }

    EventReader events() {
        return events;
    }

    void registered(MemberRegistered e) {
        subsidies.memberRegistered(e.memberId(), e.employmentForm());
    }

    void joined(MemberJoined e) {
        subsidies.memberJoined(e.memberId(), e.orgId(), e.orgPath(), e.joinedAt());
    }
}
