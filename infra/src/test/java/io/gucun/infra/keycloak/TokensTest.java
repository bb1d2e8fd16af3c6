package io.gucun.infra.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void readsATokenResponse() {
        Map<String, Object> m = Tokens.parseObject("""
                {"access_token":"a.b.c","expires_in":900,"refresh_expires_in":1800,"not-before-policy":0,
                 "scope":"email profile","ratio":1.5e0,"ok":true,"none":null,"list":[1,"x",{"y":[]}],
                 "esc":"q\\"b\\\\s\\/n\\nu\\u00e9"}""");
        assertThat(m.get("access_token")).isEqualTo("a.b.c");
        assertThat(m.get("expires_in")).isEqualTo(900L);
        assertThat(m.get("ratio")).isEqualTo(1.5);
        assertThat(m.get("ok")).isEqualTo(true);
        assertThat(m).containsEntry("none", null);
        assertThat(m.get("list")).isEqualTo(List.of(1L, "x", Map.of("y", List.of())));
        assertThat(m.get("esc")).isEqualTo("q\"b\\s/n\nué");
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> Tokens.parseObject("{\"a\":1,}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tokens.parseObject("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tokens.parseObject("{\"a\":\"open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tokens.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a JSON object");
        assertThatThrownBy(() -> Tokens.parseObject("<html>502</html>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesAJwtPayloadWithoutVerifyingIt() {
        String payload = "{\"iss\":\"http://localhost:8180/realms/union\",\"org_path\":\"1.3\","
                + "\"realm_access\":{\"roles\":[\"officer\",\"member\"]}}";
        String jwt = "eyJhbGciOiJSUzI1NiJ9."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
        assertThat(Tokens.claims(jwt)).containsEntry("org_path", "1.3");
        assertThat(Tokens.realmRoles(jwt)).containsExactly("officer", "member");
        assertThatThrownBy(() -> Tokens.claims("not-a-jwt")).hasMessageContaining("3 dot-separated parts");
    }
}
