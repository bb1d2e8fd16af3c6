package io.gucun.outreach.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.outreach.MembershipFeed;
import io.gucun.outreach.TestTree;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Outreach's members read model follows membership's member events, so coverage counts members where they are now. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "outreach"))
class JoinedMemberReadModelTest {

    @Test
    void aTransferredMemberCountsUnderTheOrgSheMovedTo() {
        TestTree from = TestTree.create();
        TestTree to = TestTree.create();
        long member = MembershipFeed.nextId();
        MembershipFeed.memberJoined(member, from.parkId(), from.park(), "APPLICATION");
        MembershipFeed.await("joined", () -> QuarkusTransaction.requiringNew().call(() -> JoinedMember.findById(member) != null));

        MembershipFeed.memberTransferred(member, from.parkId(), to.parkId(), to.park());

        MembershipFeed.await("transferred", () -> QuarkusTransaction.requiringNew().call(() ->
                JoinedMember.<JoinedMember>findById(member).orgId == to.parkId()));
        JoinedMember moved = QuarkusTransaction.requiringNew().call(() -> JoinedMember.findById(member));
        assertThat(moved.orgPath).isEqualTo(to.park());
        // the consumer goes on after it: a later event is still applied
        long next = MembershipFeed.nextId();
        MembershipFeed.memberJoined(next, to.parkId(), to.park(), "ON_SITE");
        MembershipFeed.await("the next event", () -> QuarkusTransaction.requiringNew().call(() -> JoinedMember.findById(next) != null));
    }
}
