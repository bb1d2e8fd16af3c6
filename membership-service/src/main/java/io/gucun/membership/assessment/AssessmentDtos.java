package io.gucun.membership.assessment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the chair assessment API. */
public final class AssessmentDtos {

    private AssessmentDtos() {
    }

    @Schema(name = "NewAssessment", description = "Open the year's assessment of a union's chair by its members")
    public record NewAssessment(
            @NotNull @Schema(examples = "42") Long orgId,
            @NotNull @Schema(examples = "2026") Integer year,
            @Schema(description = "The chair assessed; default: the chair the union's latest CHAIR election elected",
                    nullable = true, examples = "1001") Long chairMemberId,
            @NotNull @Schema(examples = "2026-12-01T09:00:00+08:00") OffsetDateTime opensAt,
            @NotNull @Schema(examples = "2026-12-15T18:00:00+08:00") OffsetDateTime closesAt,
            @Min(1) @Max(1000) @Schema(description = "Fewest raters for the counts to be shown; default 10",
                    nullable = true, examples = "10") Integer minRaters) {
    }

    @Schema(name = "Assessment", description = "An assessment of a chair; the counts only once closed and only over minRaters raters")
    public record AssessmentView(
            @Schema(examples = "4") long id,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "2026") int year,
            @Schema(examples = "1001") long chairMemberId,
            @Schema(examples = "王小明") String chairName,
            @Schema(examples = "2026-12-01T09:00:00+08:00") OffsetDateTime opensAt,
            @Schema(examples = "2026-12-15T18:00:00+08:00") OffsetDateTime closesAt,
            @Schema(examples = "10") int minRaters,
            @Schema(description = "NOT_OPEN, OPEN, ENDED (awaiting the close) or CLOSED", examples = "CLOSED") String phase,
            @Schema(description = "Members who rated so far", examples = "24") int raters,
            @Schema(description = "Whether the counts are shown: closed, with at least minRaters raters", examples = "true")
            boolean resultShown,
            @Schema(nullable = true, examples = "15") Integer satisfied,
            @Schema(nullable = true, examples = "6") Integer basicallySatisfied,
            @Schema(nullable = true, examples = "3") Integer dissatisfied,
            @Schema(nullable = true, examples = "87.50") BigDecimal satisfactionPercent,
            @Schema(nullable = true) OffsetDateTime closedAt,
            @Schema(description = "Whether you have rated (your own union's assessments)", nullable = true) Boolean youRated) {
    }

    @Schema(name = "NewRating", description = "Your rating of your union's chair for the year; counted, never stored with you")
    public record NewRating(@NotNull @Schema(examples = "SATISFIED") AssessmentRating rating) {
    }
}
