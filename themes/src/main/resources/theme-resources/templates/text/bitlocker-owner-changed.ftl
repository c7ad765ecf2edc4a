<#ftl output_format="plainText">
${msg("bitlockerOwnerChangedIntro", release.deviceName)}

${msg("bitlockerDevice")}: ${release.deviceName}
${msg("bitlockerDeviceId")}: ${release.deviceId}
${msg("bitlockerOwnerChange")}: ${release.reason}
${msg("bitlockerReportedBy")}: ${release.actor}
${msg("bitlockerReportedAt")}: ${release.time}
${msg("bitlockerAuditId")}: ${release.auditId}

${msg("bitlockerOwnerChangedNotice")}
