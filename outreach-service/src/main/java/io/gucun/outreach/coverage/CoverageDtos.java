package io.gucun.outreach.coverage;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class CoverageDtos {

    private CoverageDtos() {
    }

    @Schema(name = "Coverage", description = "Union coverage of an org subtree: insured workers against members (aggregates only)")
    public record Totals(long orgId, String orgPath, long enterprises, long enterprisesWithUnion,
                         @Schema(description = "Workers insured (ACTIVE) at the subtree's enterprises; null when suppressed") Long insuredWorkers,
                         @Schema(description = "Active members of the subtree's unions; null when suppressed") Long members,
                         @Schema(description = "members ÷ insured workers, 2 decimals; null when unknown or suppressed") BigDecimal coverage,
                         boolean suppressed, int minGroup) {
    }

    @Schema(name = "GridCoverage", description = "Coverage of one grid (网格) of the subtree; person counts suppressed for small groups")
    public record Grid(String gridCode, long enterprises, long enterprisesWithUnion, Long insuredWorkers,
                       @Schema(description = "Members of the enterprise unions in this grid") Long members,
                       BigDecimal coverage, boolean suppressed,
                       @Schema(description = "Enterprises here that meet the founding-target rule") long targets) {
    }

    @Schema(name = "FoundingTarget", description = "An enterprise without a union that meets the founding-target rule, ranked")
    public record Target(int rank, long enterpriseId, String creditCode, String name, long orgId, String gridCode,
                         LocalDate establishedOn,
                         @Schema(description = "Best evidence of its size: tax headcount, insured workers or registered count") int employees,
                         @Schema(description = "Insured workers; null when suppressed") Long insuredWorkers,
                         @Schema(description = "Follow-up status if outreach already has a lead on it") String leadStatus) {
    }
}
