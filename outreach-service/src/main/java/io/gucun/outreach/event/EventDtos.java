package io.gucun.outreach.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class EventDtos {

    private EventDtos() {
    }

    @Schema(name = "NewOutreachEvent", description = "A worker communication meeting to plan at a site, outside office hours")
    public record NewEvent(
            @Schema(examples = "3") @NotNull Long siteId,
            @Schema(examples = "智慧湾职工沟通会") @NotBlank @Size(max = 200) String title,
            @Schema(description = "Start, ISO-8601 with offset", examples = "2026-11-28T10:00:00+08:00") @NotNull OffsetDateTime startsAt,
            @Schema(examples = "2026-11-28T16:00:00+08:00") @NotNull OffsetDateTime endsAt,
            @Schema(description = "Logins of union workers to assign: each in term at the site's org or one above or below it (membership's workforce register)", examples = "[\"officer.zhang\"]") @Size(max = 50) List<@NotBlank @Size(max = 100) String> staff) {
    }

    @Schema(name = "OutreachEvent")
    public record EventView(long id, long siteId, String siteName, long orgId, String orgPath, String title,
                            OffsetDateTime startsAt, OffsetDateTime endsAt, EventStatus status, List<String> staff,
                            OffsetDateTime heldAt, int version) {
    }

    @Schema(name = "StaffAssignment", description = "A staff member to assign to an event")
    public record NewAssignment(@Schema(examples = "officer.li") @NotBlank @Size(max = 100) String staff) {
    }
}
