package io.gucun.outreach.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class SiteDtos {

    private SiteDtos() {
    }

    @Schema(name = "NewSite", description = "A place where workers gather, in an org's area and a grid")
    public record NewSite(
            @Schema(examples = "顾村智慧湾商务楼") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "COMMERCIAL_BUILDING") @NotNull SiteKind kind,
            @Schema(description = "The union org whose area the site lies in (e.g. a building joint union)", examples = "12")
            @NotNull Long orgId,
            @Schema(description = "Grid (网格) code", examples = "BS-GC-017") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]*") String gridCode,
            @Schema(examples = "宝山区顾村镇沪太路1号") @Size(max = 300) String address,
            @Schema(description = "Login of the union worker who owns the site (包干): in term at the site's org or one above or below it (membership's workforce register)", examples = "officer.zhang") @Size(max = 100) String ownerStaff) {
    }

    @Schema(name = "Site")
    public record SiteView(long id, String name, SiteKind kind, long orgId, String orgPath, String gridCode, String address,
                           String ownerStaff, OffsetDateTime createdAt, int version) {
        public static SiteView of(Site s) {
            return new SiteView(s.id, s.name, s.kind, s.orgId, s.orgPath, s.gridCode, s.address, s.ownerStaff, s.createdAt, s.version);
        }
    }

    @Schema(name = "SiteOwner", description = "A new owner for a site")
    public record NewOwner(@Schema(examples = "officer.li") @NotBlank @Size(max = 100) String staff) {
    }

    @Schema(name = "SiteRotation", description = "Sites whose owners rotate: each passes its owner to the next, the last to the first")
    public record NewRotation(@Schema(examples = "[3, 4, 5]") @NotEmpty @Size(min = 2, max = 200) List<@NotNull Long> siteIds) {
    }

    @Schema(name = "SiteOwnership", description = "One stint of a staff member as a site's owner")
    public record OwnershipView(String staff, OffsetDateTime startedAt, OffsetDateTime endedAt, String reason) {
        public static OwnershipView of(SiteOwnership o) {
            return new OwnershipView(o.staff, o.startedAt, o.endedAt, o.reason);
        }
    }
}
