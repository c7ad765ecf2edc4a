package io.keygate.bitlocker.keysource.local;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.ConfigValidationException;
import io.keygate.bitlocker.config.KekFormat;
import io.keygate.bitlocker.config.SecretValue;
import io.keygate.bitlocker.keysource.KeySourceProvider;
import io.keygate.bitlocker.keysource.KeySourceProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The {@code local} key source: keys escrowed by device agents into the realm's vault. */
public class LocalKeySourceProviderFactory implements KeySourceProviderFactory {

    public static final String ID = BitLockerConfig.KEY_SOURCE_LOCAL;

    @Override
    public KeySourceProvider create(KeycloakSession session) {
        return new LocalKeySource(session);
    }

    /** {@code local.kek}: empty, a vault reference, or a base64 256-bit key. */
    @Override
    public void validate(BitLockerConfig config) throws ConfigValidationException {
        String kek = config.local.kek;
        if (!kek.isEmpty() && !SecretValue.isVaultReference(kek)) {
            KekFormat.requireValid("local.kek", kek);
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
