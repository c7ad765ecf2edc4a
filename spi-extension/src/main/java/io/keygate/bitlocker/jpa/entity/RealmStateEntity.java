package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the extension remembers about a realm (one row per realm that has anything to remember). */
@Entity
@Table(name = "BLK_REALM_STATE")
public class RealmStateEntity {

    public static final int MAX_ISSUER = 2048;

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "CHECKPOINT_ISSUER", length = MAX_ISSUER)
    private String checkpointIssuer;

    @Column(name = "DIGEST_LAST_DUE_AT")
    private Long digestLastDueAt;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getCheckpointIssuer() { return checkpointIssuer; }
    public void setCheckpointIssuer(String checkpointIssuer) { this.checkpointIssuer = checkpointIssuer; }
    public Long getDigestLastDueAt() { return digestLastDueAt; }
    public void setDigestLastDueAt(Long digestLastDueAt) { this.digestLastDueAt = digestLastDueAt; }
}
