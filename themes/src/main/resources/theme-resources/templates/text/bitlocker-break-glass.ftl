<#ftl output_format="plainText">
${msg("bitlockerBreakGlassIntro", release.deviceName)}

${msg("bitlockerDevice")}: ${release.deviceName}
${msg("bitlockerDeviceId")}: ${release.deviceId}
${msg("bitlockerKeyId")}: ${release.keyId}
${msg("bitlockerReleasedBy")}: ${release.actor}
${msg("bitlockerReleasedAt")}: ${release.time}
${msg("bitlockerBreakGlassReason")}: ${release.reason}
${msg("bitlockerAuditId")}: ${release.auditId}

${msg("bitlockerBreakGlassNotice")}
