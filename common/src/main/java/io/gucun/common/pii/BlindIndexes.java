package io.gucun.common.pii;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The services' internal keyed hashes, each under its own key derived by HKDF from a root secret
 * ({@code gucun.pii.hash-key}): resident ID numbers and mobiles never share a key, and none of these keys is the key a
 * partner matches with ({@link MatchingKeys}). Versions: {@code gucun.pii.index-version} is current, the versions in
 * {@code gucun.pii.index-previous-versions} are still looked up while a re-hash moves rows to the current one.
 * docs/partners/keys.md has the procedure.
 */
public final class BlindIndexes {

    static final String ID_NUMBER = "id-number";
    static final String MOBILE = "mobile";

    private final BlindIndex idNumber;
    private final BlindIndex mobile;
    private final HashKey fingerprint;

    /**
     * @param root         the root secret (at least 32 bytes)
     * @param versionRoots a replacement root for some versions (after the root itself had to be replaced); else root
     * @param current      the version new hashes are made with
     * @param previous     versions still looked up
     */
    public BlindIndexes(byte[] root, Map<Integer, byte[]> versionRoots, int current, Collection<Integer> previous) {
        requireRoot(root);
        versionRoots.values().forEach(BlindIndexes::requireRoot);
        if (current < 1 || previous.stream().anyMatch(v -> v < 1 || v == current)) {
            throw new IllegalArgumentException("index versions are positive, and the previous ones differ from the current one");
        }
        this.idNumber = index(ID_NUMBER, root, versionRoots, current, previous);
        this.mobile = index(MOBILE, root, versionRoots, current, previous);
        this.fingerprint = new HashKey(1, Hkdf.derive(root, new byte[0], info("gucun/fingerprint"), 32));
    }

    /** Resident ID numbers (18 characters, upper-case X). */
    public BlindIndex idNumber() {
        return idNumber;
    }

    /** Mobiles (E.164). */
    public BlindIndex mobile() {
        return mobile;
    }

    /**
     * A keyed digest of a whole record (e.g. a sign-up upload), to tell a replay from a different record under the
     * same id. Not a look-up index and not versioned: it changes only with the root secret.
     */
    public String fingerprint(String canonical) {
        return fingerprint.hash(canonical);
    }

    private static BlindIndex index(String purpose, byte[] root, Map<Integer, byte[]> versionRoots, int current,
                                    Collection<Integer> previous) {
        List<HashKey> older = previous.stream().distinct().sorted((a, b) -> b - a)
                .map(v -> key(purpose, versionRoots.getOrDefault(v, root), v)).toList();
        return new BlindIndex(purpose, key(purpose, versionRoots.getOrDefault(current, root), current), older);
    }

    private static HashKey key(String purpose, byte[] root, int version) {
        return new HashKey(version, Hkdf.derive(root, new byte[0], info("gucun/index/" + purpose + "/v" + version), 32));
    }

    static byte[] info(String info) {
        return info.getBytes(StandardCharsets.UTF_8);
    }

    static void requireRoot(byte[] root) {
        if (root == null || root.length < 32) {
            throw new IllegalArgumentException("a keyed-hash root secret must be at least 32 bytes");
        }
    }
}
