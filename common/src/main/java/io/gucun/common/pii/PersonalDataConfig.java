package io.gucun.common.pii;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys for personal data; optional so a service that stores none starts without them.
 * In production they come from the environment
 * (see each service's {@code %prod} properties), never from a committed file. docs/partners/keys.md.
 */
@ConfigMapping(prefix = "gucun.pii")
public interface PersonalDataConfig {

    /** Key id → base64 of a 32-byte AES key. */
    Map<String, String> keys();

    @WithName("active-key")
    Optional<String> activeKey();

    /**
     * Base64 of at least 32 random bytes: the root secret every keyed-hash key is derived from (internal indexes,
     * partners' matching keys). Never used as a key itself, never given out.
     */
    @WithName("hash-key")
    Optional<String> hashKey();

    /** Index version → base64 root, for versions made under an earlier root (after the root itself was replaced). */
    @WithName("index-roots")
    Map<String, String> indexRoots();

    /** The version of the internal indexes new hashes are made with. */
    @WithName("index-version")
    @WithDefault("1")
    int indexVersion();

    /** Versions still looked up while a re-hash moves stored hashes to the current one. */
    @WithName("index-previous-versions")
    Optional<List<Integer>> indexPreviousVersions();

    /** Partner name → the version of its matching key in use (1 when absent). */
    @WithName("partner-key-versions")
    Map<String, Integer> partnerKeyVersions();
}
