package io.keygate.bitlocker.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The sealed BitLocker key package of a locally escrowed key. A table of its own, so that listing keys never
 * reads up to 100 KiB per key; its row goes with its key's (the database cascades the delete).
 */
@Entity
@Table(name = "BLK_KEY_PACKAGE")
public class KeyPackageEntity {

    /** The {@link RecoveryKeyEntity#getId() ID} of its key. */
    @Id
    @Column(name = "KEY_PK", length = 36)
    private String keyPk;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Base64 of nonce and AES-GCM ciphertext of the package's bytes (a CLOB column). */
    @Column(name = "CIPHERTEXT", nullable = false)
    private String ciphertext;

    /** Fingerprint of the key-encryption key the ciphertext was made with. */
    @Column(name = "KEK_ID", length = 16, nullable = false)
    private String kekId;

    public String getKeyPk() { return keyPk; }
    public void setKeyPk(String keyPk) { this.keyPk = keyPk; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getCiphertext() { return ciphertext; }
    public void setCiphertext(String ciphertext) { this.ciphertext = ciphertext; }
    public String getKekId() { return kekId; }
    public void setKekId(String kekId) { this.kekId = kekId; }
}
