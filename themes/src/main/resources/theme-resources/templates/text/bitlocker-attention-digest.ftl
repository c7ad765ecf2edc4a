<#ftl output_format="plainText">
${msg("bitlockerAttentionDigestIntro", realmName)}

${msg("bitlockerCounts", counts.ESCROWED?c, counts.PENDING?c, counts.FAILED?c, counts.NOT_AVAILABLE?c)}

<#list devices as d>
- ${d.deviceName} (${d.deviceId}): ${d.status} ${msg("bitlockerSince")?lower_case} ${d.since}<#if d.owner?has_content>, ${msg("bitlockerOwner")?lower_case} ${d.owner}</#if>
</#list>
<#if capped>

${msg("bitlockerCapped")}
</#if>
