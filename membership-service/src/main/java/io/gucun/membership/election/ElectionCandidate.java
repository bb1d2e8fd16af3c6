package io.gucun.membership.election;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A member standing in an election; votes and elected are set when it closes. */
@Entity
@Table(name = "election_candidate")
public class ElectionCandidate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "election_id", nullable = false)
    public Long electionId;

    @Column(name = "member_id", nullable = false)
    public Long memberId;

    public Integer votes;

    public Boolean elected;

    public static List<ElectionCandidate> of(long electionId) {
        return list("electionId = ?1 order by id", electionId);
    }
}
