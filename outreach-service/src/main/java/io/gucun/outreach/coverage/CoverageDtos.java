package io.gucun.outreach.coverage;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class CoverageDtos {

    private CoverageDtos() {
    }

    @Schema(name = "Coverage", description = "Union coverage of an org subtree: insured workers against members (aggregates only)")
    public record Totals(long orgId, String orgPath,
                         @Schema(description = "Firms of the subtree: registered ones and those seen only in partner data") long enterprises,
                         long enterprisesWithUnion,
                         @Schema(description = "Firms seen only in tax or social-insurance data (blind spots)") long blindSpots,
                         @Schema(description = "Workers insured (ACTIVE) at the subtree's enterprises; null when suppressed") Long insuredWorkers,
                         @Schema(description = "Active members of the subtree's unions; null when suppressed") Long members,
                         @Schema(description = "members ÷ insured workers, 2 decimals; null when unknown or suppressed") BigDecimal coverage,
                         boolean suppressed, int minGroup) {
    }

    @Schema(name = "GridCoverage", description = "Coverage of one grid (网格) of the subtree; person counts suppressed for small groups")
    public record Grid(String gridCode, long enterprises, long enterprisesWithUnion, Long insuredWorkers,
                       @Schema(description = "Members of the enterprise unions in this grid") Long members,
                       BigDecimal coverage, boolean suppressed,
                       @Schema(description = "Enterprises here that meet the founding-target rule") long targets,
                       @Schema(description = "Insured workers here who are active members (matched by keyed hash); null when suppressed") Long insuredMembers,
                       @Schema(description = "Insured workers here who are not members; null when suppressed") Long insuredNotMembers,
                       @Schema(description = "insuredMembers ÷ insuredWorkers, 2 decimals (the heat of the grid picture)") BigDecimal insuredCoverage) {
    }

    @Schema(name = "FirmFigure", description = "A number about a firm and where it came from: REGISTER (as registered, no period), "
            + "TAX (period YYYY-MM) or SOCIAL_INSURANCE (day of the latest import)")
    public record Figure(long value, FirmEvidence.Source source, String period) {
        static Figure of(FirmEvidence.Figure f) {
            return f == null ? null : new Figure(f.value(), f.source(), f.period());
        }
    }

    @Schema(name = "InBusinessSince", description = "Since when a firm is in business and the source of that day")
    public record Since(LocalDate on, FirmEvidence.Source source, int years) {
    }

    @Schema(name = "FoundingTargetRuleInForce", description = "The dated policy that selected the targets")
    public record Rule(String name, int minEmployees, int minYears, LocalDate effectiveFrom) {
    }

    @Schema(name = "FoundingTarget", description = "An enterprise without a union that meets the founding-target rule, ranked; "
            + "registered or seen only in partner data")
    public record Target(int rank,
                         @Schema(description = "null for a firm the register does not know") Long enterpriseId,
                         String creditCode,
                         @Schema(description = "null for a firm the register does not know") String name,
                         boolean registered,
                         @Schema(description = "How the firm got its org: REGISTER, LEAD, DIVISION or NONE") EnterpriseUniverse.Placement placedBy,
                         long orgId, String gridCode,
                         @Schema(description = "The register's founding day (null for a blind spot)") LocalDate establishedOn,
                         Since inBusinessSince,
                         @Schema(description = "Best evidence of its size: tax headcount, insured workers or registered count") int employees,
                         @Schema(description = "The figure behind employees, with its source and period") Figure employeesEvidence,
                         @Schema(description = "Latest tax headcount, with its period; null when the tax partner has none") Figure taxHeadcount,
                         @Schema(description = "Insured workers; null when suppressed") Long insuredWorkers,
                         @Schema(description = "Day of the latest social-insurance import naming the firm") LocalDate insuredAsOf,
                         @Schema(description = "Follow-up status if outreach already has a lead on it") String leadStatus,
                         Rule rule) {
    }

    @Schema(name = "BlindSpot", description = "A firm seen only in tax or social-insurance data: the register does not know it")
    public record BlindSpot(String creditCode, EnterpriseUniverse.Placement placedBy, long orgId, String gridCode,
                            @Schema(description = "Latest tax headcount and its period") Figure taxHeadcount,
                            @Schema(description = "Insured workers now and the day of the latest import; value withheld (null figure) when suppressed") Figure insuredWorkers,
                            boolean suppressed, Since inBusinessSince,
                            @Schema(description = "Whether it meets the founding-target rule") boolean target) {
    }

    @Schema(name = "EnterpriseCoverage", description = "Insured but not members at one firm; counts withheld below the minimum group")
    public record Enterprise(String creditCode, Long enterpriseId, String name, boolean registered, long orgId, String gridCode,
                             boolean hasUnion, Long insuredWorkers,
                             @Schema(description = "Insured workers who are active members (matched by keyed hash)") Long insuredMembers,
                             Long insuredNotMembers, BigDecimal coverage,
                             @Schema(description = "Day of the latest social-insurance import naming the firm") LocalDate insuredAsOf,
                             boolean suppressed) {
    }

    @Schema(name = "CoverageFunnel", description = "Insured workers of a subtree → those who ever joined → those still members; "
            + "each stage withheld (null) below the minimum group")
    public record Funnel(long orgId, String orgPath, Long insuredWorkers, Long members, Long active, int minGroup) {
    }

    @Schema(name = "DivisionPlacement", description = "The org whose area covers a registration division (credit code characters 3-8)")
    public record Division(String divisionCode, long orgId, String orgPath, String setBy) {
    }

    @Schema(name = "DivisionPlacementRequest")
    public record DivisionRequest(@Schema(required = true, example = "5") Long orgId) {
    }
}
