package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A realm's configuration document (SPEC §8), secrets as configured (literal or vault references). */
@Entity
@Table(name = "BLK_REALM_CONFIG")
public class RealmConfigEntity {

    public static final int MAX_DOCUMENT = 16000;

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "DOCUMENT", length = MAX_DOCUMENT, nullable = false)
    private String document;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getDocument() { return document; }
    public void setDocument(String document) { this.document = document; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long updatedAt) { this.updatedAt = updatedAt; }
}
