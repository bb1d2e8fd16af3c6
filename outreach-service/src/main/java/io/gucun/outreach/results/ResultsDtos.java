package io.gucun.outreach.results;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ResultsDtos {

    private ResultsDtos() {
    }

    @Schema(name = "Results", description = "What outreach achieved: sign-ups, members approved, enterprises that founded a union")
    public record Figures(
            @Schema(description = "Workers who signed up") long signUps,
            @Schema(description = "Sign-ups registered as new members by membership-service") long registered,
            @Schema(description = "Sign-ups of people who were members already") long alreadyMembers,
            @Schema(description = "Sign-ups still waiting for membership-service") long pending,
            @Schema(description = "New members whose admission membership confirmed (MemberJoined)") long approvedMembers,
            @Schema(description = "Enterprise leads found") long leadsFound,
            @Schema(description = "Enterprises that founded a union after their workers came (credited leads)") long unionsFounded) {
    }

    @Schema(name = "EventResults")
    public record EventResults(long eventId, Figures figures) {
    }

    @Schema(name = "StaffResults", description = "Results credited to one staff member in a year")
    public record StaffResults(String staff, long events, Figures figures) {
    }

    @Schema(name = "OrgYearResults", description = "A year's totals of an org subtree's events")
    public record OrgYearResults(long orgId, String orgPath, int year, long eventsHeld, Figures figures) {
    }
}
