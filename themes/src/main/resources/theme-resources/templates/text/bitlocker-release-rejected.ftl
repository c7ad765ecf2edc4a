<#ftl output_format="plainText">
${msg("bitlockerReleaseRejectedIntro", release.actor, release.deviceName)}

${msg("bitlockerDevice")}: ${release.deviceName}
${msg("bitlockerDeviceId")}: ${release.deviceId}
${msg("bitlockerKeyId")}: ${release.keyId}
<#if !release.breakGlass>
${msg("bitlockerTicket")}: ${release.ticketKey} (${release.ticketSystem}) ${release.ticketUrl}
</#if>
${msg("bitlockerDecidedBy")}: ${release.actor}
${msg("bitlockerDecidedAt")}: ${release.time}
<#if release.reason?has_content>
${msg("bitlockerDecisionReason")}: ${release.reason}
</#if>
${msg("bitlockerAuditId")}: ${release.auditId}

<#if release.link?has_content>${release.link}<#else>${msg("bitlockerRequestInConsole")}</#if>
