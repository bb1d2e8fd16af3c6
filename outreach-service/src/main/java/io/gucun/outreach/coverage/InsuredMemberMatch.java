package io.gucun.outreach.coverage;

/**
 * The one place that decides which insured workers are members: a worker insured at a firm (insured_person, keyed hash
 * of the ID number from the social-insurance import) is a member when the same keyed hash is on a sign-up that became
 * a membership (sign_up.member_id, its MemberJoined in joined_member). Plain ID numbers are never compared, nor stored.
 *
 * <p>Both sides are keyed with the internal ID-number index ({@code BlindIndexes.idNumber()}, docs/partners/keys.md),
 * never a partner's matching key. After a rotation of that key, a social-insurance file moves each person it names, and
 * that person's sign-ups, to the current version (ImportRunner), so both sides meet again under one version.
 *
 * <p>Only members whose sign-up went through outreach carry a hash here: membership publishes no hash of its members to
 * outreach, so a member who joined another way counts as "insured, not a member" until such a feed exists.
 */
final class InsuredMemberMatch {

    private InsuredMemberMatch() {
    }

    /** Per keyed hash: whether any of that person's memberships is still active. */
    private static final String MEMBER_HASHES = """
            (select s.id_hash, bool_or(m.left_at is null) as active
             from sign_up s join joined_member m on m.member_id = s.member_id
             where s.member_id is not null group by s.id_hash)""";

    /**
     * A lateral sub-select over the firm whose credit code is in {@code creditCodeColumn}: {@code members} (insured now
     * and ever a member) and {@code active} (insured now and a member now).
     */
    static String perFirm(String creditCodeColumn) {
        return "(select count(*) as members, count(*) filter (where mh.active) as active from insured_person ip join "
                + MEMBER_HASHES + " mh on mh.id_hash = ip.id_hash where ip.employer_credit_code = " + creditCodeColumn
                + " and ip.status = 'ACTIVE')";
    }
}
