package io.gucun.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"type\":\"EnterpriseBlacklisted\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_764_000_000L);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInHex() throws Exception {
        String header = WebhookSignature.header(NOW.getEpochSecond(), BODY, List.of("s3cret"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((NOW.getEpochSecond() + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(header).isEqualTo("t=" + NOW.getEpochSecond() + ",v1=" + expected);
    }

    @Test
    void aReceiverAcceptsItsSecretAndRejectsTamperingOtherSecretsAndOldDeliveries() {
        String header = WebhookSignature.header(NOW.getEpochSecond(), BODY, List.of("s3cret"));
        assertThat(WebhookSignature.verify(header, BODY, "s3cret", NOW.plusSeconds(10), FIVE_MINUTES)).isTrue();
        assertThat(WebhookSignature.verify(header, "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8), "s3cret", NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(header, BODY, "other", NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(header, BODY, "s3cret", NOW.plus(Duration.ofMinutes(6)), FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(null, BODY, "s3cret", NOW, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify("t=abc,v1=00", BODY, "s3cret", NOW, FIVE_MINUTES)).isFalse();
    }

    @Test
    void duringRotationBothSecretsSignSoEitherReceiverAccepts() {
        String header = WebhookSignature.header(NOW.getEpochSecond(), BODY, List.of("new-secret", "old-secret"));
        assertThat(header.split(",")).hasSize(3);
        assertThat(WebhookSignature.verify(header, BODY, "old-secret", NOW, FIVE_MINUTES)).isTrue();
        assertThat(WebhookSignature.verify(header, BODY, "new-secret", NOW, FIVE_MINUTES)).isTrue();
    }

    @Test
    void newSecretsAreRandomAndLongEnough() {
        String a = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").hasSizeGreaterThan(40).isNotEqualTo(WebhookSignature.newSecret());
    }
}
