<#ftl output_format="plainText">
${msg("bitlockerCounts", counts.ESCROWED?c, counts.PENDING?c, counts.FAILED?c, counts.NOT_AVAILABLE?c)}
<#if devices?has_content>

${msg("bitlockerAttentionDigestIntro", realmName)}

<#list devices as d>
- ${d.deviceName} (${d.deviceId}): ${d.status} ${msg("bitlockerSince")?lower_case} ${d.since}<#if d.owner?has_content>, ${msg("bitlockerOwner")?lower_case} ${d.owner}</#if>
</#list>
</#if>
<#if rotations?has_content>

${msg("bitlockerOverdueRotationsIntro")}

<#list rotations as r>
- ${r.deviceName} (${r.deviceId}): ${msg("bitlockerRotation")?lower_case} ${r.status}, ${msg("bitlockerRequested")?lower_case} ${r.requested}<#if r.requestedBy?has_content> (${r.requestedBy})</#if>
</#list>
</#if>
<#if capped>

${msg("bitlockerCapped")}
</#if>
<#if checkpoint??>

${msg("bitlockerCheckpointIntro", checkpoint.entries, checkpoint.seq)}
${msg("bitlockerCheckpointEntry")}: ${checkpoint.id}
${msg("bitlockerCheckpointHash")}: ${checkpoint.hash}
${msg("bitlockerCheckpointJws")}:
${checkpoint.jws}

${msg("bitlockerCheckpointHow")}
</#if>
