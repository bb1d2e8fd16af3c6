package io.gucun.membership.roster;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the roster API. Rows are reported by line; no personal data of a row is repeated back. */
public final class RosterDtos {

    private RosterDtos() {
    }

    @Schema(name = "RosterJob", description = "A posted roster and how far its registration got")
    public record JobView(
            UUID id,
            @Schema(examples = "17") long enterpriseId,
            @Schema(description = "The enterprise union the members are admitted to", examples = "42") long unionOrgId,
            @Schema(description = "QUEUED, RUNNING, COMPLETED or FAILED", examples = "RUNNING") RosterJob.Status status,
            @Schema(examples = "CSV") RosterJob.Format format,
            @Schema(description = "Rows in the roster", examples = "1200") int rowsTotal,
            @Schema(description = "Rows processed so far (registered or rejected)", examples = "500") int rowsDone,
            @Schema(examples = "497") int registered,
            @Schema(examples = "3") int rejected,
            OffsetDateTime createdAt,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            @Schema(description = "Why a FAILED job stopped; the rows registered before it stay") String error,
            @Schema(description = "The rejected rows by line, at most the first 1,000 (see rejectsTruncated)")
            List<Reject> rejects,
            boolean rejectsTruncated) {

        static JobView of(RosterJob j, List<Reject> rejects, boolean truncated) {
            return new JobView(j.id, j.enterpriseId, j.unionOrgId, j.status, j.format, j.rowsTotal, j.rowsDone,
                    j.registered, j.rejected, j.createdAt, j.startedAt, j.finishedAt, j.error, rejects, truncated);
        }
    }

    @Schema(name = "RosterRow", description = "One member of a roster sent as JSON; the fields of NewMember without orgId"
            + " and note (the union is the enterprise's; without an employer the enterprise is the employer)")
    public record RosterRow(
            @Schema(examples = "110105199003071239", required = true) String idNumber,
            @Schema(examples = "王小明", required = true) String name,
            @Schema(examples = "13800138000", required = true) String mobile,
            @Schema(examples = "91310113MA1GL1B43C") String employerCreditCode,
            @Schema(examples = "上海某某精密机械有限公司") String employerName,
            @Schema(examples = "装配工") String occupation,
            @Schema(examples = "OTHER") io.gucun.events.membership.OccupationCategory occupationCategory,
            @Schema(examples = "STANDARD", required = true) io.gucun.events.membership.EmploymentForm employmentForm) {
    }

    @Schema(name = "RosterReject", description = "A row that was not registered: its line, the field at fault and why")
    public record Reject(
            @Schema(description = "Line of the body where the row starts (the CSV header is line 1)", examples = "7") int line,
            @Schema(description = "1-based position of the row in the roster", examples = "6") int row,
            @Schema(examples = "idNumber") String field,
            @Schema(examples = "a member with this resident ID number is already registered") String reason,
            @Schema(description = "The existing member, only when you may see that member", examples = "1001") Long memberId) {
    }
}
