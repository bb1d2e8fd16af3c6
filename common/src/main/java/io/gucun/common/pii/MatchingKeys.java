package io.gucun.common.pii;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys partners match people with: each partner its own, derived by HKDF from the root secret with the partner's
 * name and a key version ({@code info = "gucun/partner-match/<partner>/v<n>"}). A partner holding its key can compute
 * the hashes in what it receives (and send hashes back) but learns nothing about another partner's hashes or the
 * internal {@link BlindIndexes}. The current version per partner is {@code gucun.pii.partner-key-versions.<partner>}
 * (1 when unset). Partner names are the partner roles without {@code partner-}: {@code social-insurance}, {@code tax},
 * {@code credit}.
 */
public final class MatchingKeys {

    private static final Pattern PARTNER = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final byte[] root;
    private final Map<String, Integer> currentVersions;

    public MatchingKeys(byte[] root, Map<String, Integer> currentVersions) {
        BlindIndexes.requireRoot(root);
        currentVersions.forEach((partner, v) -> {
            requirePartner(partner);
            if (v < 1) {
                throw new IllegalArgumentException("the matching-key version of " + partner + " must be positive");
            }
        });
        this.root = root.clone();
        this.currentVersions = Map.copyOf(currentVersions);
    }

    /** The partner's current matching key: what goes into everything the partner receives. */
    public HashKey forPartner(String partner) {
        return forPartner(partner, currentVersion(partner));
    }

    public HashKey forPartner(String partner, int version) {
        requirePartner(partner);
        if (version < 1) {
            throw new IllegalArgumentException("a matching-key version is positive");
        }
        return new HashKey(version, Hkdf.derive(root, new byte[0],
                BlindIndexes.info("gucun/partner-match/" + partner + "/v" + version), 32));
    }

    public int currentVersion(String partner) {
        requirePartner(partner);
        return currentVersions.getOrDefault(partner, 1);
    }

    /**
     * The partner's key of a version, base64, to hand to the partner: the current one, an older one, or the next one
     * (so the partner has it before the switch). Later versions are refused: they are not planned yet.
     */
    public String export(String partner, int version) {
        if (version > currentVersion(partner) + 1) {
            throw new IllegalArgumentException("version " + version + " of " + partner + "'s matching key is not planned");
        }
        return Base64.getEncoder().encodeToString(forPartner(partner, version).material());
    }

    public static boolean isPartnerName(String partner) {
        return partner != null && PARTNER.matcher(partner).matches();
    }

    private static void requirePartner(String partner) {
        if (!isPartnerName(partner)) {
            throw new IllegalArgumentException("not a partner name: lower-case letters, digits and '-'");
        }
    }
}
