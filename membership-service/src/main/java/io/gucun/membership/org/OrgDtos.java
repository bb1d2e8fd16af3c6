package io.gucun.membership.org;

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
            @Schema(description = "GB/T 2260 administrative region code", examples = "310113")
            @Pattern(regexp = "[0-9]{6,12}", message = "must be 6 to 12 digits") String regionCode) {
    }

    @Schema(name = "Org", description = "A union organization")
    public record OrgView(long id, Long parentId,
                          @Schema(description = "Materialized path of ids from the national union", examples = "1.3.4.5") String path,
                          String name, OrgKind kind, String regionCode, UnionOrg.Status status,
                          OffsetDateTime createdAt, int version) {
        static OrgView of(UnionOrg o) {
            return new OrgView(o.id, o.parentId, o.path, o.name, o.kind, o.regionCode, o.status, o.createdAt, o.version);
        }
    }
}
