package io.gucun.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.EventCatalog;
import org.junit.jupiter.api.Test;

/** A consumer applies an event only when its CloudEvents source publishes the topic (issue 20, point 3). */
class EventSourcesTest {

    @Test
    void theOwnerOfATopicIsItsPublisherInTheCatalog() {
        assertThat(EventSources.refusal("membership.member.v1", null, "/gucun/membership", "e-1")).isNull();
        assertThat(EventSources.refusal("rights.blacklist.v1", null, "/gucun/rights", "e-2")).isNull();
        // the ACLs give each service the topics named after it: the catalog must agree
        EventCatalog.TOPICS.forEach(t -> assertThat(t.name()).startsWith(t.producer().replaceFirst("-service$", "") + "."));
    }

    @Test
    void anotherSourceOrNoneIsRefusedWithTheReason() {
        assertThat(EventSources.refusal("membership.member.v1", null, "/gucun/outreach", "e-3"))
                .hasMessage("event e-3 on membership.member.v1 has source /gucun/outreach; only /gucun/membership publishes membership.member.v1");
        assertThat(EventSources.refusal("membership.member.v1", null, null, "e-4")).isNotNull();
        assertThat(EventSources.refusal("gucun.unrouted.v1", null, "/gucun/membership", "e-5"))
                .hasMessageContaining("does not list");
    }

    @Test
    void aReplayedRecordIsJudgedByTheTopicItWasFirstReadFrom() {
        assertThat(EventSources.refusal("dues.membership-member.replay", "membership.member.v1", "/gucun/membership", "e-6"))
                .isNull();
        assertThat(EventSources.refusal("dues.membership-member.replay", "membership.member.v1", "/gucun/dues", "e-7"))
                .hasMessageContaining("only /gucun/membership publishes");
        assertThat(EventSources.refusal("dues.membership-member.replay", null, "/gucun/membership", "e-8"))
                .hasMessageContaining("gucun-replayed-from");
    }
}
