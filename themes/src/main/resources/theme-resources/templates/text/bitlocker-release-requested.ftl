<#ftl output_format="plainText">
${msg("bitlockerReleaseRequestedIntro", release.actor, release.deviceName)}

${msg("bitlockerDevice")}: ${release.deviceName}
${msg("bitlockerDeviceId")}: ${release.deviceId}
${msg("bitlockerKeyId")}: ${release.keyId}
${msg("bitlockerRequestedBy")}: ${release.actor}
${msg("bitlockerRequested")}: ${release.time}
<#if release.breakGlass>
${msg("bitlockerBreakGlassReason")}: ${release.reason}
<#else>
${msg("bitlockerTicket")}: ${release.ticketKey} (${release.ticketSystem}) ${release.ticketUrl}
${msg("bitlockerReleaseReason")}: ${release.reason}
</#if>
${msg("bitlockerAuditId")}: ${release.auditId}

<#if release.link?has_content>${msg("bitlockerReleaseOpen")}: ${release.link}<#else>${msg("bitlockerRequestInConsole")}</#if>

${msg("bitlockerReleaseRequestNotice")}
