package io.gucun.common.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The internal indexes and the partners' matching keys never share a key, and rotate by version. */
class KeyedHashesTest {

    private static final String ID = "11010519491231002X";

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private final BlindIndexes indexes = new BlindIndexes(key(9), Map.of(), 1, List.of());
    private final MatchingKeys partners = new MatchingKeys(key(9), Map.of());

    @Test
    void hashesAreDeterministicHexAndNeverThePlainValue() {
        String h = indexes.idNumber().hash(ID);
        assertThat(h).isEqualTo(indexes.idNumber().hash(ID)).hasSize(64).doesNotContain(ID);
        assertThat(h).isNotEqualTo(indexes.idNumber().hash("110105194912310029"));
    }

    @Test
    void mobilesUseAnotherKeyThanIdNumbers() {
        assertThat(indexes.mobile().hash(ID)).isNotEqualTo(indexes.idNumber().hash(ID));
        assertThat(indexes.fingerprint(ID)).isNotEqualTo(indexes.idNumber().hash(ID)).isNotEqualTo(indexes.mobile().hash(ID));
    }

    @Test
    void aPartnerHashIsNeitherTheInternalHashNorAnotherPartners() {
        String internal = indexes.idNumber().hash(ID);
        String si = partners.forPartner("social-insurance").hash(ID);
        String tax = partners.forPartner("tax").hash(ID);
        assertThat(si).hasSize(64).isNotEqualTo(internal).isNotEqualTo(tax);
        assertThat(Set.of(internal, si, tax, indexes.mobile().hash(ID))).hasSize(4);
        // Nor the plain HMAC under the root: the root itself is never a key.
        assertThat(si).isNotEqualTo(new HashKey(1, key(9)).hash(ID));
    }

    @Test
    void aNewVersionIsANewKeyAndTheHandedOutKeyComputesTheSameHashes() {
        MatchingKeys rotated = new MatchingKeys(key(9), Map.of("social-insurance", 2));
        HashKey v2 = rotated.forPartner("social-insurance");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.hash(ID)).isNotEqualTo(partners.forPartner("social-insurance").hash(ID));
        assertThat(rotated.forPartner("social-insurance", 1).hash(ID)).isEqualTo(partners.forPartner("social-insurance").hash(ID));
        // What the partner gets is the derived key: HMAC-SHA256 under it gives the hashes it receives.
        byte[] handed = Base64.getDecoder().decode(rotated.export("social-insurance", 2));
        assertThat(new HashKey(2, handed).hash(ID)).isEqualTo(v2.hash(ID));
        assertThat(rotated.export("social-insurance", 3)).isNotBlank(); // the next one, ahead of the switch
        assertThatThrownBy(() -> rotated.export("social-insurance", 4)).hasMessageContaining("not planned");
        assertThatThrownBy(() -> rotated.forPartner("Social Insurance")).hasMessageContaining("partner name");
    }

    @Test
    void duringARotationLookUpsSeeTheCurrentAndThePreviousVersion() {
        BlindIndexes rotating = new BlindIndexes(key(9), Map.of(), 2, List.of(1));
        assertThat(rotating.idNumber().current().version()).isEqualTo(2);
        assertThat(rotating.idNumber().hash(ID)).isNotEqualTo(indexes.idNumber().hash(ID));
        assertThat(rotating.idNumber().hashesInUse(ID))
                .containsExactly(rotating.idNumber().hash(ID), indexes.idNumber().hash(ID));
        assertThat(rotating.idNumber().version(1).hash(ID)).isEqualTo(indexes.idNumber().hash(ID));
        assertThatThrownBy(() -> rotating.idNumber().version(3)).hasMessageContaining("no version 3");
    }

    @Test
    void aReplacedRootKeepsOldVersionsReadable() {
        BlindIndexes newRoot = new BlindIndexes(key(7), Map.of(1, key(9)), 2, List.of(1));
        assertThat(newRoot.idNumber().version(1).hash(ID)).isEqualTo(indexes.idNumber().hash(ID));
        assertThat(newRoot.idNumber().hash(ID)).isNotEqualTo(new BlindIndexes(key(9), Map.of(), 2, List.of()).idNumber().hash(ID));
    }

    @Test
    void refusesShortRootsAndBadVersions() {
        assertThatThrownBy(() -> new BlindIndexes(new byte[16], Map.of(), 1, List.of())).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new BlindIndexes(key(9), Map.of(), 2, List.of(2))).hasMessageContaining("differ");
        assertThatThrownBy(() -> new MatchingKeys(key(9), Map.of("tax", 0))).hasMessageContaining("positive");
        assertThat(new HashKey(1, key(9)).toString()).doesNotContain("9");
    }
}
