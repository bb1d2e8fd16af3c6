package io.gucun.outreach.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How membership's answers to a registration become a sign-up's outcome. */
class RestMembershipGatewayTest {

    private static ObjectNode duplicate() {
        return JsonNodeFactory.instance.objectNode().put("type", RestMembershipGateway.DUPLICATE_MEMBER).put("status", 409)
                .put("detail", "a member with this resident ID number is already registered; one person is one member nationwide");
    }

    @Test
    void aDuplicateNamingTheMemberIsAlreadyMember() {
        assertThat(RestMembershipGateway.fromError(409, duplicate().put("memberId", 42)))
                .isEqualTo(new MembershipGateway.AlreadyMember(42));
    }

    /** Issue 20, item 6: membership did not name the member to this officer, so neither does the sign-up. */
    @Test
    void aDuplicateWithoutTheMemberIsRefusedWithAReasonThatDoesNotSaySo() {
        MembershipGateway.Outcome o = RestMembershipGateway.fromError(409, duplicate());
        assertThat(o).isEqualTo(new MembershipGateway.Refused(MembershipGateway.UNDISCLOSED));
        assertThat(MembershipGateway.UNDISCLOSED).doesNotContainIgnoringCase("already").doesNotContainIgnoringCase("member with");
    }

    @Test
    void otherRefusalsKeepMembershipsDetailAndServerErrorsAreTransient() {
        ObjectNode closed = JsonNodeFactory.instance.objectNode().put("type", "urn:gucun:problem:validation")
                .put("detail", "orgId names a closed organization");
        assertThat(RestMembershipGateway.fromError(400, closed))
                .isEqualTo(new MembershipGateway.Refused("membership-service 400: orgId names a closed organization"));
        assertThatThrownBy(() -> RestMembershipGateway.fromError(503, null)).isInstanceOf(RestMembershipGateway.Transient.class);
    }
}
