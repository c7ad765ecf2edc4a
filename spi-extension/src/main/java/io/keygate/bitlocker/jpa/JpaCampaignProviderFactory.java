package io.keygate.bitlocker.jpa;

import io.keygate.bitlocker.model.CampaignProvider;
import io.keygate.bitlocker.model.CampaignProviderFactory;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

public class JpaCampaignProviderFactory extends JpaModelProviderFactory implements CampaignProviderFactory {

    @Override
    public CampaignProvider create(KeycloakSession session) {
        return new JpaCampaignProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
