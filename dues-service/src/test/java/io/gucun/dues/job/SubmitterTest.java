package io.gucun.dues.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmitterTest {

    @Test
    void aJobActsUnderTheRolesAndScopeItWasStartedWith() {
        Submitter officer = new Submitter("officer.gucun", Set.of(Roles.OFFICER, Roles.PARTNER_TAX), "1.2.3");
        Submitter stored = Submitter.of(officer.username(), officer.rolesText(), officer.orgPath());
        assertThat(stored).isEqualTo(officer);
        assertThat(officer.rolesText()).isEqualTo("officer,partner-tax");
        var identity = stored.identity();
        assertThat(identity.getPrincipal().getName()).isEqualTo("officer.gucun");
        assertThat(identity.getRoles()).containsExactlyInAnyOrder(Roles.OFFICER, Roles.PARTNER_TAX);
        assertThat(identity.<String>getAttribute(CallerScope.ORG_PATH_CLAIM)).isEqualTo("1.2.3");
    }

    @Test
    void aSubmitterWithoutRolesOrScopeStaysSo() {
        Submitter nobody = Submitter.of("x", "", null);
        assertThat(nobody.roles()).isEmpty();
        assertThat(nobody.identity().<String>getAttribute(CallerScope.ORG_PATH_CLAIM)).isNull();
    }
}
