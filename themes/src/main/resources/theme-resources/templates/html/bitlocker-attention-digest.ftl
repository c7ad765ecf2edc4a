<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerCounts", counts.ESCROWED?c, counts.PENDING?c, counts.FAILED?c, counts.NOT_AVAILABLE?c)}</p>
<#if devices?has_content>
<p>${msg("bitlockerAttentionDigestIntro", realmName)}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><th align="left">${msg("bitlockerDeviceId")}</th><th align="left">${msg("bitlockerStatus")}</th><th align="left">${msg("bitlockerSince")}</th><th align="left">${msg("bitlockerOwner")}</th></tr>
<#list devices as d>
  <tr><td>${d.deviceName}</td><td>${d.deviceId}</td><td>${d.status}</td><td>${d.since}</td><td>${d.owner}</td></tr>
</#list>
</table>
</#if>
<#if rotations?has_content>
<p>${msg("bitlockerOverdueRotationsIntro")}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><th align="left">${msg("bitlockerDeviceId")}</th><th align="left">${msg("bitlockerRotation")}</th><th align="left">${msg("bitlockerRequested")}</th><th align="left">${msg("bitlockerRequestedBy")}</th></tr>
<#list rotations as r>
  <tr><td>${r.deviceName}</td><td>${r.deviceId}</td><td>${r.status}</td><td>${r.requested}</td><td>${r.requestedBy}</td></tr>
</#list>
</table>
</#if>
<#if capped><p>${msg("bitlockerCapped")}</p></#if>
<#if checkpoint??>
<p>${msg("bitlockerCheckpointIntro", checkpoint.entries, checkpoint.seq)}</p>
<table>
  <tr><th align="left">${msg("bitlockerCheckpointEntry")}</th><td>${checkpoint.id}</td></tr>
  <tr><th align="left">${msg("bitlockerCheckpointHash")}</th><td>${checkpoint.hash}</td></tr>
</table>
<pre style="white-space: pre-wrap; word-break: break-all">${checkpoint.jws}</pre>
<p>${msg("bitlockerCheckpointHow")}</p>
</#if>
</@layout.emailLayout>
