package io.gucun.infra.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/keycloak/appointment-scope.sh} on a real Keycloak with the union realm: an appointment gives the login
 * the officer's role and the org's path in its next token, and the end of the term takes both away (needs curl and jq).
 */
@Tag("keycloak")
class AppointmentScopeScriptTest {

    private static final Path SCRIPT = Path.of("..", "deploy", "keycloak", "appointment-scope.sh");

    @TempDir
    static Path tmp;

    static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        String reused = System.getProperty("gucun.keycloak.test-home");
        Path home = reused != null && !reused.isBlank() ? Path.of(reused) : tmp.resolve("keycloak");
        keycloak = KeycloakServer.builder().home(home).start();
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void anAppointmentGrantsTheOrgsOfficerScopeAndItsEndTakesItAway() throws Exception {
        // lawyer.wang is no officer, at 1.3.4; appointed social worker of 1.3.4.5.
        assertThat(Tokens.realmRoles(token())).doesNotContain("officer");
        String appointed = """
                {"appointmentId": 7, "orgId": 5, "orgPath": "1.3.4.5", "post": "SOCIAL_WORKER", "login": "lawyer.wang",
                 "memberId": null, "termFrom": "2024-01-01", "termTo": null, "grantsOfficerScope": true, "reason": null}""";
        assertThat(run("appointed", appointed)).contains("granted: lawyer.wang officer at org_path 1.3.4.5");
        String officer = token();
        assertThat(Tokens.realmRoles(officer)).contains("officer", "lawyer");
        assertThat(Tokens.claims(officer).get("org_path")).isEqualTo("1.3.4.5");

        // An activist's appointment and one not yet begun change nothing; nor does the end of a term elsewhere.
        assertThat(run("appointed", appointed.replace("\"grantsOfficerScope\": true", "\"grantsOfficerScope\": false")))
                .contains("skipped");
        assertThat(run("appointed", appointed.replace("2024-01-01", "2999-01-01"))).contains("skipped");
        assertThat(run("ended", "{\"login\": \"lawyer.wang\", \"orgPath\": \"1.2\", \"endedOn\": \"2026-12-01\"}"))
                .contains("skipped");
        assertThat(Tokens.claims(token()).get("org_path")).isEqualTo("1.3.4.5");

        assertThat(run("ended", "{\"login\": \"lawyer.wang\", \"orgPath\": \"1.3.4.5\", \"endedOn\": \"2026-12-01\"}"))
                .contains("revoked: lawyer.wang");
        // The password grant still works: writing the user back kept the profile (a profile missing its required
        // fields would make Keycloak ask for them first and refuse the grant).
        String after = token();
        assertThat(Tokens.realmRoles(after)).doesNotContain("officer").contains("lawyer");
        Map<String, Object> claims = Tokens.claims(after);
        assertThat(claims).doesNotContainKey("org_path");
        assertThat(claims.get("preferred_username")).isEqualTo("lawyer.wang");

        // Put the demo user back as the realm has it.
        assertThat(run("grant", "lawyer.wang", "1.3.4")).contains("granted");
        assertThat(run("revoke-role-only-is-not-a-command")).contains("unknown command");
    }

    private static String token() {
        return Tokens.password(keycloak.tokenUrl(), "union-app", "lawyer.wang", "lawyer.wang-dev");
    }

    private static String run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KEYCLOAK_URL", keycloak.baseUrl());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
