package io.gucun.common.inbox;

import static io.gucun.common.api.ServiceOperationIds.SERVICE;

import io.gucun.common.outbox.OutboxRelay;
import io.gucun.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's two levers on event delivery, in every service (docs/operations.md, "Dead letters and parked
 * events"): replay the records its consumers dead-lettered, and retry the outbox events Kafka refused.
 */
@Path("/admin")
@Tag(name = "Event delivery", description = "Dead letters and parked outbox events (admin)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminDeliveryResource {

    @Inject
    DeadLetterReplay replay;

    @Inject
    OutboxRelay relay;

    /** What a retry of parked events did. */
    public record Unparked(int events) {
    }

    @POST
    @Path("/dead-letters/replay")
    @Operation(operationId = "replay" + SERVICE + "DeadLetters", summary = "Put the consumers' dead letters back",
            description = "Copies every record in this service's dead-letter topics since the last replay to the consumer's "
                    + "replay topic, where it is applied as on first delivery: an event applied meanwhile is a no-op, one "
                    + "that fails again is dead-lettered again. Idempotent.")
    @APIResponse(responseCode = "200", description = "Records put back per channel (problem set when a channel could not be replayed)")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public List<DeadLetterReplay.Replayed> replayDeadLetters() {
        return replay.replayAll();
    }

    @POST
    @Path("/outbox/parked/retry")
    @Operation(operationId = "retry" + SERVICE + "ParkedEvents", summary = "Retry the outbox events Kafka refused",
            description = "Unparks the parked outbox events (or only eventId): the relay sends them again, and their "
                    + "aggregates' later events after them. An event refused again is parked again.")
    @APIResponse(responseCode = "200", description = "How many events were unparked")
    @APIResponse(responseCode = "400", description = "eventId is not a UUID")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Unparked retryParked(@Parameter(description = "Only this event (its CloudEvents id); absent = every parked event")
                                @QueryParam("eventId") UUID eventId) {
        return new Unparked(relay.retryParked(eventId));
    }
}
