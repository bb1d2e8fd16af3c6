package io.gucun.events;

import io.gucun.events.dues.CollectionEvents;
import io.gucun.events.dues.RebateEvents;
import io.gucun.events.dues.SubsidyEvents;
import io.gucun.events.membership.AssessmentEvents;
import io.gucun.events.membership.CardEvents;
import io.gucun.events.membership.ElectionEvents;
import io.gucun.events.membership.EnterpriseEvents;
import io.gucun.events.membership.MemberEvents;
import io.gucun.events.membership.OrgEvents;
import io.gucun.events.membership.WorkforceEvents;
import io.gucun.events.outreach.EventEvents;
import io.gucun.events.outreach.LeadEvents;
import io.gucun.events.outreach.SignUpEvents;
import io.gucun.events.rights.BlacklistEvents;
import io.gucun.events.rights.CaseEvents;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Every topic, who publishes it and the records of its events: the source of the generated docs/events. */
public final class EventCatalog {

    /** A topic {@code <service>.<aggregate>.v1}; {@code events} is the class whose nested records are its payloads. */
    public record Topic(String name, String producer, Class<?> events) {

        /** The payload records of this topic's events, by name. */
        public List<Class<?>> payloads() {
            return Arrays.stream(events.getDeclaredClasses()).filter(Class::isRecord)
                    .sorted(Comparator.comparing(Class::getSimpleName)).toList();
        }
    }

    public static final List<Topic> TOPICS = List.of(
            new Topic("membership.org.v1", "membership-service", OrgEvents.class),
            new Topic("membership.enterprise.v1", "membership-service", EnterpriseEvents.class),
            new Topic("membership.member.v1", "membership-service", MemberEvents.class),
            new Topic("membership.card.v1", "membership-service", CardEvents.class),
            new Topic("membership.appointment.v1", "membership-service", WorkforceEvents.class),
            new Topic("membership.election.v1", "membership-service", ElectionEvents.class),
            new Topic("membership.assessment.v1", "membership-service", AssessmentEvents.class),
            new Topic("dues.collection.v1", "dues-service", CollectionEvents.class),
            new Topic("dues.rebate.v1", "dues-service", RebateEvents.class),
            new Topic("dues.subsidy.v1", "dues-service", SubsidyEvents.class),
            new Topic("rights.case.v1", "rights-service", CaseEvents.class),
            new Topic("rights.blacklist.v1", "rights-service", BlacklistEvents.class),
            new Topic("outreach.event.v1", "outreach-service", EventEvents.class),
            new Topic("outreach.lead.v1", "outreach-service", LeadEvents.class),
            new Topic("outreach.signup.v1", "outreach-service", SignUpEvents.class));

    private EventCatalog() {
    }

    /** The payload record's contract version (1 unless {@link EventVersion} says otherwise). */
    public static int versionOf(Class<?> payload) {
        EventVersion v = payload.getAnnotation(EventVersion.class);
        return v == null ? 1 : v.value();
    }

    /**
     * The event type as the CloudEvents type ends: the record's name for version 1 ({@code OrgCreated}, as published
     * since the start), with {@code .v<n>} after it for a later version ({@code OrgCreated.v2}).
     */
    public static String typeName(Class<?> payload) {
        int version = versionOf(payload);
        return version == 1 ? payload.getSimpleName() : payload.getSimpleName() + ".v" + version;
    }

    /** The topic a payload record is published on. */
    public static Topic topicOf(Class<?> payload) {
        return TOPICS.stream().filter(t -> t.events() == payload.getDeclaringClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payload.getName() + " is not an event payload of any topic"));
    }
}
