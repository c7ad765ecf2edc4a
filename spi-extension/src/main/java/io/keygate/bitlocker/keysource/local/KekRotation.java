package io.keygate.bitlocker.keysource.local;

import java.security.GeneralSecurityException;
import java.util.List;

import jakarta.persistence.EntityManager;

import io.keygate.bitlocker.jpa.RecoveryKeyEntity;

/**
 * Re-wraps a realm's local vault under a new key-encryption key, in one transaction: every
 * ciphertext sealed with the old KEK is opened and sealed again with the new one. Rows already
 * under the new KEK are left alone, so an interrupted rotation can simply be run again.
 */
public final class KekRotation {

    private static final int BATCH = 200;

    public record Result(long rewrapped, long alreadyCurrent, long unreadable, String kekId) {
    }

    private KekRotation() {
    }

    public static Result rewrap(EntityManager em, String realmId, KekCipher from, KekCipher to) {
        long rewrapped = 0;
        long current = 0;
        long unreadable = 0;
        String afterId = "";
        while (true) {
            List<RecoveryKeyEntity> batch = em.createQuery("select k from RecoveryKeyEntity k join fetch k.device"
                            + " where k.realmId = :realm and k.ciphertext is not null and k.id > :after order by k.id",
                            RecoveryKeyEntity.class)
                    .setParameter("realm", realmId).setParameter("after", afterId).setMaxResults(BATCH).getResultList();
            for (RecoveryKeyEntity key : batch) {
                afterId = key.getId();
                String aad = KekCipher.associatedData(realmId, key.getDevice().getDeviceId(), key.getKeyId());
                if (to.kekId().equals(key.getKekId())) {
                    current++;
                    continue;
                }
                if (!from.kekId().equals(key.getKekId())) {
                    unreadable++;
                    continue;
                }
                try {
                    key.setCiphertext(to.encrypt(from.decrypt(key.getCiphertext(), aad), aad));
                    key.setKekId(to.kekId());
                    rewrapped++;
                } catch (GeneralSecurityException e) {
                    unreadable++;
                }
            }
            em.flush();
            if (batch.size() < BATCH) {
                return new Result(rewrapped, current, unreadable, to.kekId());
            }
        }
    }
}
