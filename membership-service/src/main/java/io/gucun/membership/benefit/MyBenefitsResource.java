package io.gucun.membership.benefit;

import io.gucun.common.security.Roles;
import io.gucun.membership.card.CardService;
import io.gucun.membership.member.Member;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own card, benefits and redemptions (through the login linked to their member record). */
@Path("/me/benefits")
@Tag(name = "Me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.OFFICER, Roles.ADMIN})
public class MyBenefitsResource {

    @Inject
    CardService cards;

    @Inject
    BenefitService benefits;

    @GET
    @Operation(operationId = "listMyBenefits", summary = "Benefits I can use today",
            description = "Offered by my org or any ancestor, valid today (Asia/Shanghai), and for which I am eligible.")
    @APIResponse(responseCode = "200", description = "The benefits")
    @APIResponse(responseCode = "401", description = "Not authenticated")
    @APIResponse(responseCode = "404", description = "No member linked to your login")
    public List<BenefitDtos.BenefitView> benefits() {
        Member m = cards.me();
        return benefits.applicableTo(m).stream().map(BenefitDtos.BenefitView::of).toList();
    }
}
