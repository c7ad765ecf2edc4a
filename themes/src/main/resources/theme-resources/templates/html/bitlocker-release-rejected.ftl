<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerReleaseRejectedIntro", release.actor, release.deviceName)}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><td>${release.deviceName}</td></tr>
  <tr><th align="left">${msg("bitlockerDeviceId")}</th><td>${release.deviceId}</td></tr>
  <tr><th align="left">${msg("bitlockerKeyId")}</th><td>${release.keyId}</td></tr>
<#if !release.breakGlass>
  <tr><th align="left">${msg("bitlockerTicket")}</th><td><a href="${release.ticketUrl}">${release.ticketKey}</a> (${release.ticketSystem})</td></tr>
</#if>
  <tr><th align="left">${msg("bitlockerDecidedBy")}</th><td>${release.actor}</td></tr>
<#if release.reason?has_content>
  <tr><th align="left">${msg("bitlockerDecisionReason")}</th><td>${release.reason}</td></tr>
</#if>
  <tr><th align="left">${msg("bitlockerAuditId")}</th><td>${release.auditId}</td></tr>
</table>
<#if release.link?has_content>
<p><a href="${release.link}">${release.link}</a></p>
<#else>
<p>${msg("bitlockerRequestInConsole")}</p>
</#if>
</@layout.emailLayout>
