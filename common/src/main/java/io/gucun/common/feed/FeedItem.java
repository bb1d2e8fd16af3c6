package io.gucun.common.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change in a feed. */
@Schema(description = "One change of a partner feed, oldest first")
public record FeedItem(
        @Schema(description = "Unique id of the change (the CloudEvents id of the event that caused it, also the webhook delivery's "
                + "`Gucun-Event-Id`): dedupe on it", example = "5b0f8a39-2f0a-4c4b-9a55-0d3f1c7c8e21") String id,
        @Schema(description = "What changed; the feed's page lists its types", example = "UNION_FOUNDED") String type,
        @Schema(description = "What the change is about (a credit code, a keyed hash), the same for every change of one thing",
                example = "91310113MA1GL3XKX1") String subject,
        @Schema(description = "When the change happened") OffsetDateTime occurredAt,
        @Schema(description = "The cursor just after this item (to resume from exactly here)") String cursor,
        // An object, not the array SmallRye infers from JsonNode being Iterable (an array without items is invalid).
        @Schema(type = SchemaType.OBJECT, implementation = Object.class,
                description = "The change itself; fields per type are documented on the partner's page") JsonNode data) {
}
