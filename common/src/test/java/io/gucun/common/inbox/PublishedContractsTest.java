package io.gucun.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.membership.OrgEvents.OrgRenamed;
import org.junit.jupiter.api.Test;

/** The check each consumer's contract test runs finds a read of a field the producer does not publish. */
class PublishedContractsTest {

    @Test
    void aReadOfAFieldTheContractDoesNotHaveIsAProblem() {
        EventReader reader = EventReader.reading().on(OrgRenamed.class, e -> { }, "orgId", "name");
        assertThat(PublishedContracts.problems("test", reader)).containsExactly(
                "test reads OrgRenamed.name, which record io.gucun.events.membership.OrgEvents$OrgRenamed no longer has: a consumer"
                        + " still running reads the old shape; publish a new version instead",
                "test reads OrgRenamed.name, which the published contract does not have");
    }

    @Test
    void readsThatThePublishedContractHasAreFine() {
        EventReader reader = EventReader.reading().on(OrgRenamed.class, e -> { }, "orgId", "newName");
        assertThat(PublishedContracts.problems("test", reader)).isEmpty();
    }
}
