package io.keygate.bitlocker.model;

/** Where campaigns (SPEC §14) are kept; the extension ships a JPA implementation. */
public class CampaignSpi extends ModelSpi {

    public CampaignSpi() {
        super("bitlocker-campaign", CampaignProvider.class, CampaignProviderFactory.class);
    }
}
