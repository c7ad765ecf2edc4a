package io.keygate.bitlocker.config;

import java.util.regex.Pattern;

/**
 * A secret of the configuration document: a literal, or a reference {@code ${vault.name}} to
 * Keycloak's vault. Literals are masked when the document is read back.
 */
public final class SecretValue {

    /** Same marker Keycloak's admin API uses for "secret unchanged". */
    public static final String MASK = "**********";

    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.[^}]+}$");

    private SecretValue() {
    }

    public static boolean isVaultReference(String value) {
        return value != null && VAULT_REFERENCE.matcher(value).matches();
    }

    /** What GET shows: vault references as they are, literals masked, empty stays empty. */
    public static String masked(String value) {
        if (value == null || value.isEmpty() || isVaultReference(value)) {
            return value;
        }
        return MASK;
    }
}
