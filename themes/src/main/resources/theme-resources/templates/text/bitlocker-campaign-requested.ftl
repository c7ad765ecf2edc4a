<#ftl output_format="plainText">
${msg("bitlockerCampaignRequestedIntro", release.actor, release.deviceName, release.ticketKey)}

${msg("bitlockerCampaign")}: ${release.deviceId}
${msg("bitlockerCampaignDevices")}: ${release.deviceName}
${msg("bitlockerRequestedBy")}: ${release.actor}
${msg("bitlockerRequested")}: ${release.time}
${msg("bitlockerTicket")}: ${release.ticketKey} (${release.ticketSystem}) ${release.ticketUrl}
${msg("bitlockerReleaseReason")}: ${release.reason}
${msg("bitlockerAuditId")}: ${release.auditId}

<#if release.link?has_content>${msg("bitlockerCampaignOpen")}: ${release.link}<#else>${msg("bitlockerCampaignInConsole")}</#if>

${msg("bitlockerCampaignNotice")}
