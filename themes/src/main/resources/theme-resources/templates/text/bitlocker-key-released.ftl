<#ftl output_format="plainText">
${msg("bitlockerKeyReleasedIntro", release.deviceName)}

${msg("bitlockerDevice")}: ${release.deviceName}
${msg("bitlockerDeviceId")}: ${release.deviceId}
${msg("bitlockerKeyId")}: ${release.keyId}
${msg("bitlockerReleasedBy")}: ${release.actor}
${msg("bitlockerReleasedAt")}: ${release.time}
<#if release.breakGlass>
${msg("bitlockerBreakGlassReason")}: ${release.reason}
<#else>
${msg("bitlockerTicket")}: ${release.ticketKey} (${release.ticketSystem}) ${release.ticketUrl}
</#if>
${msg("bitlockerAuditId")}: ${release.auditId}

${msg("bitlockerKeyReleasedNotice")}
${msg("bitlockerKeyReleasedRotation")}
