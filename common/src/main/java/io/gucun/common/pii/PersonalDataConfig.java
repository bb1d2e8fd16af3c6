package io.gucun.common.pii;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/**
 * Keys for personal data; optional so a service that stores none starts without them.
 * In production they come from the environment
 * (see each service's {@code %prod} properties), never from a committed file.
 */
@ConfigMapping(prefix = "gucun.pii")
public interface PersonalDataConfig {

    /** Key id → base64 of a 32-byte AES key. */
    Map<String, String> keys();

    @WithName("active-key")
    Optional<String> activeKey();

    /** Base64 of at least 32 bytes for the HMAC blind index. */
    @WithName("hash-key")
    Optional<String> hashKey();
}
