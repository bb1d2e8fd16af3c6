package io.gucun.common.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedCursorTest {

    @Test
    void aCursorRoundTripsThroughItsOpaqueToken() {
        FeedCursor c = new FeedCursor("enterprise-unions", 4242);
        String token = c.encode();
        assertThat(token).doesNotContain("enterprise").doesNotContain("=").matches("[A-Za-z0-9_-]+");
        assertThat(FeedCursor.decode("enterprise-unions", token)).isEqualTo(c);
    }

    @Test
    void noCursorStartsAtTheBeginning() {
        assertThat(FeedCursor.decode("blacklist", null).position()).isZero();
        assertThat(FeedCursor.decode("blacklist", " ").position()).isZero();
    }

    @Test
    void aCursorOfAnotherFeedIsRejectedNamingAfter() {
        String token = new FeedCursor("membership-status", 7).encode();
        assertThatThrownBy(() -> FeedCursor.decode("enterprise-unions", token))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("after"));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 !", "42", "YmxhY2tsaXN0", "YmxhY2tsaXN0Og", "YmxhY2tsaXN0Oi0x", "YmxhY2tsaXN0OjEyYQ"})
    void garbageIsA400NamingAfter(String token) {
        // YmxhY2tsaXN0 = "blacklist", ...Og = "blacklist:", ...Oi0x = "blacklist:-1", ...OjEyYQ = "blacklist:12a"
        assertThatThrownBy(() -> FeedCursor.decode("blacklist", token))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("after"));
    }

    @Test
    void aHugePositionIsRejectedNotOverflowed() {
        String token = Base64.getUrlEncoder().encodeToString("blacklist:99999999999999999999".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> FeedCursor.decode("blacklist", token)).isInstanceOf(ApiException.class);
    }
}
