package io.gucun.rights.blacklist;

import io.gucun.events.rights.BlacklistReason;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the blacklist API. */
public final class BlacklistDtos {

    private BlacklistDtos() {
    }

    @Schema(description = "List an enterprise confirmed to obstruct the founding of a union")
    public record NewListing(
            @NotNull @Schema(description = "The case (category OBSTRUCTION_OF_UNION_FOUNDING) that confirmed it", example = "12") Long caseId,
            @NotBlank @Size(max = 8000) @Schema(example = "2026-11-20 现场核查：企业解聘筹建工会的职工 3 人，见核查笔录") String evidence) {
    }

    @Schema(description = "Take an enterprise off the blacklist after it put things right; the listing stays in the history")
    public record Delisting(@NotBlank @Size(max = 4000) @Schema(example = "企业已于 2026-12-10 成立工会并恢复被解聘职工岗位") String reason) {
    }

    @Schema(description = "A blacklist entry. `evidence` and `caseId` are shown to officers and admins only.")
    public record EntryView(long id, String creditCode, String enterpriseName, BlacklistReason reason, boolean active,
                            OffsetDateTime listedAt, OffsetDateTime delistedAt, String delistingReason,
                            String evidence, Long caseId) {
        static EntryView of(BlacklistEntry e, boolean internal) {
            return new EntryView(e.id, e.creditCode, e.enterpriseName, e.reason, e.isActive(), e.listedAt, e.delistedAt,
                    e.delistingReason, internal ? e.evidence : null, internal ? e.caseId : null);
        }
    }

    @Schema(description = "One change of the blacklist, for partners syncing their copy")
    public record ChangeView(long seq, String change, OffsetDateTime changedAt, long entryId, String creditCode,
                             String enterpriseName, BlacklistReason reason, OffsetDateTime listedAt, OffsetDateTime delistedAt,
                             String delistingReason) {
    }

    @Schema(description = "A page of the change feed. Pass `nextCursor` as `after` to read on; it is also the cursor to keep.")
    public record ChangePage(List<ChangeView> items, Long nextCursor, boolean more) {
    }

    @Schema(description = "What a blacklist check found")
    public record CheckResult(OffsetDateTime asOf, List<EntryView> listed) {
    }
}
