package io.keygate.bitlocker.model;

import org.keycloak.provider.ProviderFactory;

public interface CampaignProviderFactory extends ProviderFactory<CampaignProvider> {
}
