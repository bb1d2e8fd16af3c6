package io.gucun.outreach.coverage;

/**
 * The one place that decides which insured workers are members: a worker insured at a firm (insured_person, keyed hash
 * of the ID number from the social-insurance import) is a member when the same keyed hash belongs to a member in
 * joined_member, either as membership publishes it on its member events (member_id_hash) or on an outreach sign-up that
 * became a membership (sign_up.member_id). Plain ID numbers are never compared, nor stored.
 *
 * <p>Both sides are keyed with the internal ID-number index ({@code BlindIndexes.idNumber()}, docs/partners/keys.md),
 * never a partner's matching key. In a rotation membership publishes each member's hash under the new version
 * (MemberIdNumberIndexed) and outreach keeps the previous one beside it, so an insured worker still on the old version
 * matches until the bureau's next file moves them (ImportRunner moves them and their sign-ups to the current version).
 * A hash under one key never equals a hash under another, so matching by the hash alone is exact.
 */
final class InsuredMemberMatch {

    private InsuredMemberMatch() {
    }

    /**
     * Per insured person {@code ip}: {@code member} (ever a member) and {@code active} (a member now), null when no
     * member has the hash. Looked up by index per person, not aggregated over all members.
     */
    private static final String MEMBER_OF_PERSON = """
            (select true as member, bool_or(m.left_at is null) as active
             from (select s.member_id from sign_up s where s.id_hash = ip.id_hash and s.member_id is not null
                   union select h.member_id from member_id_hash h where h.id_hash = ip.id_hash) p
             join joined_member m on m.member_id = p.member_id
             having count(*) > 0)""";

    /**
     * A lateral sub-select over the firm whose credit code is in {@code creditCodeColumn}: {@code members} (insured now
     * and ever a member) and {@code active} (insured now and a member now).
     */
    static String perFirm(String creditCodeColumn) {
        return "(select count(mp.member) as members, count(*) filter (where mp.active) as active from insured_person ip"
                + " left join lateral " + MEMBER_OF_PERSON + " mp on true where ip.employer_credit_code = "
                + creditCodeColumn + " and ip.status = 'ACTIVE')";
    }
}
