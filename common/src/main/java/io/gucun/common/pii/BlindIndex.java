package io.gucun.common.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * The internal keyed hash of one kind of value (resident ID numbers, or mobiles): new hashes under the current
 * version, look-ups under the current and, while a rotation runs, the previous versions too. Its keys never leave
 * the services; a partner gets a {@link MatchingKeys matching key} instead.
 */
public final class BlindIndex {

    private final String purpose;
    private final HashKey current;
    private final List<HashKey> previous;

    BlindIndex(String purpose, HashKey current, List<HashKey> previous) {
        this.purpose = purpose;
        this.current = current;
        this.previous = List.copyOf(previous);
    }

    /** The key new hashes are made with; store its {@link HashKey#version()} next to the hash. */
    public HashKey current() {
        return current;
    }

    public String hash(String canonical) {
        return current.hash(canonical);
    }

    /** The hashes a stored value may have now: current version first, then the previous ones still in use. */
    public List<String> hashesInUse(String canonical) {
        List<String> all = new ArrayList<>(1 + previous.size());
        all.add(current.hash(canonical));
        previous.forEach(k -> all.add(k.hash(canonical)));
        return all;
    }

    /** A version still in use (current or previous): for a test or a tool that writes rows as an older release did. */
    public HashKey version(int version) {
        if (version == current.version()) {
            return current;
        }
        return previous.stream().filter(k -> k.version() == version).findFirst().orElseThrow(
                () -> new IllegalArgumentException("the " + purpose + " index has no version " + version + " in use"));
    }

    /** The versions still looked up besides the current one, newest first. */
    public List<Integer> previousVersions() {
        return previous.stream().map(HashKey::version).toList();
    }

    public String purpose() {
        return purpose;
    }
}
