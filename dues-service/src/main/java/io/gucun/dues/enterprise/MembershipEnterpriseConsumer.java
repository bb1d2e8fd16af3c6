package io.gucun.dues.enterprise;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.inbox.Inbox;
import io.gucun.common.outbox.EventEnvelope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps the local enterprise read model in step with membership's enterprise events, once per event. */
@ApplicationScoped
public class MembershipEnterpriseConsumer {

    static final String CONSUMER = "dues.membership-enterprise";

    @Inject
    Inbox inbox;

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.once(CONSUMER, message, this::apply);
    }

    void apply(EventEnvelope event) {
        JsonNode d = event.data();
        switch (event.name()) {
            case "EnterpriseRegistered" -> registered(d);
            case "UnionFounded" -> founded(d);
            default -> {
                // tolerant reader: other enterprise events are not needed here
            }
        }
    }

    private void registered(JsonNode d) {
        long id = d.path("enterpriseId").asLong();
        KnownEnterprise e = KnownEnterprise.findById(id);
        if (e == null) {
            e = new KnownEnterprise();
            e.id = id;
        }
        e.creditCode = CreditCode.normalize(d.path("creditCode").asText());
        e.name = d.path("name").asText();
        e.orgId = d.path("orgId").asLong();
        e.employeeCount = d.hasNonNull("employeeCount") ? d.get("employeeCount").asInt() : null;
        e.persist();
    }

    private void founded(JsonNode d) {
        KnownEnterprise e = KnownEnterprise.findById(d.path("enterpriseId").asLong());
        if (e == null) {
            // Registered before this service listened: keep what the founding tells us; name and org follow the union org.
            e = new KnownEnterprise();
            e.id = d.path("enterpriseId").asLong();
            e.creditCode = CreditCode.normalize(d.path("creditCode").asText());
            e.name = e.creditCode;
            String path = d.path("orgPath").asText();
            String[] ids = path.split("\\.");
            e.orgId = ids.length > 1 ? Long.parseLong(ids[ids.length - 2]) : Long.parseLong(ids[0]);
        }
        e.unionOrgId = d.path("unionOrgId").asLong();
        e.unionFoundedAt = d.hasNonNull("foundedAt") ? OffsetDateTime.parse(d.get("foundedAt").asText()) : OffsetDateTime.now();
        e.persist();
    }
}
