package io.gucun.infra.keycloak;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiniJsonTest {

    @Test
    void readsATokenResponse() {
        Map<String, Object> m = MiniJson.parseObject("""
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
    void rejectsWhatIsNotJson() {
        assertThatThrownBy(() -> MiniJson.parse("{\"a\":1,}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> MiniJson.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniJson.parse("\"open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniJson.parse("[01x]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MiniJson.parseObject("[1]")).hasMessageContaining("an array");
        assertThatThrownBy(() -> MiniJson.parse("[".repeat(100) + "]".repeat(100)))
                .hasMessageContaining("nested deeper");
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
