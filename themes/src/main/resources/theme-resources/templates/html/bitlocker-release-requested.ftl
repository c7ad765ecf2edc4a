<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerReleaseRequestedIntro", release.actor, release.deviceName)}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><td>${release.deviceName}</td></tr>
  <tr><th align="left">${msg("bitlockerDeviceId")}</th><td>${release.deviceId}</td></tr>
  <tr><th align="left">${msg("bitlockerKeyId")}</th><td>${release.keyId}</td></tr>
  <tr><th align="left">${msg("bitlockerRequestedBy")}</th><td>${release.actor}</td></tr>
  <tr><th align="left">${msg("bitlockerRequested")}</th><td>${release.time}</td></tr>
<#if release.breakGlass>
  <tr><th align="left">${msg("bitlockerBreakGlassReason")}</th><td>${release.reason}</td></tr>
<#else>
  <tr><th align="left">${msg("bitlockerTicket")}</th><td><a href="${release.ticketUrl}">${release.ticketKey}</a> (${release.ticketSystem})</td></tr>
  <tr><th align="left">${msg("bitlockerReleaseReason")}</th><td>${release.reason}</td></tr>
</#if>
  <tr><th align="left">${msg("bitlockerAuditId")}</th><td>${release.auditId}</td></tr>
</table>
<#if release.link?has_content>
<p><a href="${release.link}">${msg("bitlockerReleaseOpen")}</a></p>
<#else>
<p>${msg("bitlockerRequestInConsole")}</p>
</#if>
<p>${msg("bitlockerReleaseRequestNotice")}</p>
</@layout.emailLayout>
