package io.gucun.membership.org;

import io.gucun.events.membership.AreaType;
import io.gucun.events.membership.OrgKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class OrgDtos {

    private OrgDtos() {
    }

    @Schema(name = "NewOrg", description = "A union organization to create under an existing parent")
    public record NewOrg(
            @Schema(description = "Id of the parent organization", examples = "5") @NotNull Long parentId,
            @Schema(examples = "顾村镇园区联合工会") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "JOINT_AREA") @NotNull OrgKind kind,
            @Schema(description = "GB/T 2260 administrative region code; defaults to the parent's", examples = "310113")
            @Pattern(regexp = "[0-9]{6,12}", message = "must be 6 to 12 digits") String regionCode,
            @Schema(description = "Only for JOINT_AREA: the kind of area the joint union gathers", examples = "PARK")
            AreaType areaType,
            @Schema(description = "Only for JOINT_INDUSTRY: the industry whose workers it gathers", examples = "快递物流")
            String industry) {

        /** The original four fields, for callers that create plain orgs. */
        public NewOrg(Long parentId, String name, OrgKind kind, String regionCode) {
            this(parentId, name, kind, regionCode, null, null);
        }
    }

    @Schema(name = "OrgRename", description = "A new name for an organization")
    public record Rename(
            @Schema(examples = "顾村镇总工会") @NotBlank @Size(max = 200) String name,
            @Schema(description = "The version you read; alternatively send it as If-Match", examples = "0") Integer version) {
    }

    @Schema(name = "OrgMove", description = "A new parent for an organization; its whole subtree moves with it")
    public record Move(
            @Schema(description = "Id of the new parent organization", examples = "12") @NotNull Long parentId,
            @Schema(description = "The version you read; alternatively send it as If-Match", examples = "0") Integer version) {
    }

    @Schema(name = "OrgClose", description = "Closing an organization")
    public record Close(
            @Schema(description = "The version you read; alternatively send it as If-Match", examples = "2") Integer version) {
    }

    @Schema(name = "Org", description = "A union organization")
    public record OrgView(
            @Schema(examples = "5") long id,
            @Schema(examples = "4") Long parentId,
            @Schema(description = "Materialized path of ids from the national union", examples = "1.3.4.5") String path,
            @Schema(examples = "顾村镇园区联合工会") String name,
            @Schema(examples = "JOINT_AREA") OrgKind kind,
            @Schema(examples = "PARK") AreaType areaType,
            @Schema(description = "Only for JOINT_INDUSTRY", examples = "快递物流") String industry,
            @Schema(examples = "310113") String regionCode,
            @Schema(examples = "ACTIVE") UnionOrg.Status status,
            @Schema(examples = "2025-03-01T09:30:00Z") OffsetDateTime createdAt,
            @Schema(description = "When it was closed; absent while active", examples = "2025-06-30T17:00:00+08:00") OffsetDateTime closedAt,
            @Schema(description = "Version for optimistic locking (also the ETag)", examples = "0") int version) {
        public static OrgView of(UnionOrg o) {
            return new OrgView(o.id, o.parentId, o.path, o.name, o.kind, o.areaType, o.industry, o.regionCode, o.status,
                    o.createdAt, o.closedAt, o.version);
        }
    }

    @Schema(name = "OrgCounts", description = "Counts over an organization's whole subtree (the org itself and everything under it)")
    public record Counts(
            @Schema(description = "Active organizations directly under it", examples = "3") long activeChildren,
            @Schema(description = "Active members of it and every org below it", examples = "1250") long members,
            @Schema(description = "Enterprises registered under it or any org below it", examples = "40") long enterprises,
            @Schema(description = "Of those, enterprises with an active enterprise union", examples = "12") long enterprisesWithUnion,
            @Schema(description = "Of those, enterprises without one", examples = "28") long enterprisesWithoutUnion) {
    }

    @Schema(name = "OrgWithCounts", description = "An organization with counts over its subtree")
    public record OrgSummary(OrgView org, Counts counts) {
    }
}
