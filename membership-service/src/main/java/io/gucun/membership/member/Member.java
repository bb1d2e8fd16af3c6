package io.gucun.membership.member;

import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.membership.OccupationCategory;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A person registered under their real name, and their current membership. The resident ID number and the mobile
 * are held only encrypted plus a keyed hash and a masked form; nothing here renders them in clear.
 */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "id_number_cipher", nullable = false)
    public String idNumberCipher;

    @Column(name = "id_number_hash", nullable = false)
    public String idNumberHash;

    /** The version of the ID-number index key {@link #idNumberHash} was made with. */
    @Column(name = "id_number_hash_version", nullable = false)
    public int idNumberHashVersion;

    @Column(name = "id_number_masked", nullable = false)
    public String idNumberMasked;

    @Column(nullable = false)
    public String name;

    @Column(name = "mobile_cipher", nullable = false)
    public String mobileCipher;

    @Column(name = "mobile_hash", nullable = false)
    public String mobileHash;

    @Column(name = "mobile_hash_version", nullable = false)
    public int mobileHashVersion;

    @Column(name = "mobile_masked", nullable = false)
    public String mobileMasked;

    @Column(name = "birth_year", nullable = false)
    public int birthYear;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(name = "employer_credit_code")
    public String employerCreditCode;

    @Column(name = "employer_name")
    public String employerName;

    public String occupation;

    @Enumerated(EnumType.STRING)
    @Column(name = "occupation_category")
    public OccupationCategory occupationCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "employment_form", nullable = false)
    public EmploymentForm employmentForm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MemberStatus status;

    /** The current org while ACTIVE, the last one after leaving, null before the first admission. */
    @Column(name = "org_id")
    public Long orgId;

    @Column(name = "joined_at")
    public OffsetDateTime joinedAt;

    /** Last day something kept the membership alive (admission, transfer in, dues, union life); see {@link LapseRules}. */
    @Column(name = "last_active_on")
    public java.time.LocalDate lastActiveOn;

    /** The login ({@code sub} of the token) of the person themself, once linked. */
    @Column(name = "account_subject")
    public String accountSubject;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Version
    public int version;

    @Override
    public String toString() {
        return "Member[" + id + ", " + idNumberMasked + "]";
    }
}
