<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerCampaignRequestedIntro", release.actor, release.deviceName, release.ticketKey)}</p>
<table>
  <tr><th align="left">${msg("bitlockerCampaign")}</th><td>${release.deviceId}</td></tr>
  <tr><th align="left">${msg("bitlockerCampaignDevices")}</th><td>${release.deviceName}</td></tr>
  <tr><th align="left">${msg("bitlockerRequestedBy")}</th><td>${release.actor}</td></tr>
  <tr><th align="left">${msg("bitlockerRequested")}</th><td>${release.time}</td></tr>
  <tr><th align="left">${msg("bitlockerTicket")}</th><td><a href="${release.ticketUrl}">${release.ticketKey}</a> (${release.ticketSystem})</td></tr>
  <tr><th align="left">${msg("bitlockerReleaseReason")}</th><td>${release.reason}</td></tr>
  <tr><th align="left">${msg("bitlockerAuditId")}</th><td>${release.auditId}</td></tr>
</table>
<#if release.link?has_content>
<p><a href="${release.link}">${msg("bitlockerCampaignOpen")}</a></p>
<#else>
<p>${msg("bitlockerCampaignInConsole")}</p>
</#if>
<p>${msg("bitlockerCampaignNotice")}</p>
</@layout.emailLayout>
