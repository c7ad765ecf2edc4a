<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerAttentionDigestIntro", realmName)}</p>
<p>${msg("bitlockerCounts", counts.ESCROWED?c, counts.PENDING?c, counts.FAILED?c, counts.NOT_AVAILABLE?c)}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><th align="left">${msg("bitlockerDeviceId")}</th><th align="left">${msg("bitlockerStatus")}</th><th align="left">${msg("bitlockerSince")}</th><th align="left">${msg("bitlockerOwner")}</th></tr>
<#list devices as d>
  <tr><td>${d.deviceName}</td><td>${d.deviceId}</td><td>${d.status}</td><td>${d.since}</td><td>${d.owner}</td></tr>
</#list>
</table>
<#if capped><p>${msg("bitlockerCapped")}</p></#if>
</@layout.emailLayout>
