<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerBreakGlassIntro", release.deviceName)}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><td>${release.deviceName}</td></tr>
  <tr><th align="left">${msg("bitlockerDeviceId")}</th><td>${release.deviceId}</td></tr>
  <tr><th align="left">${msg("bitlockerKeyId")}</th><td>${release.keyId}</td></tr>
  <tr><th align="left">${msg("bitlockerReleasedBy")}</th><td>${release.actor}</td></tr>
  <tr><th align="left">${msg("bitlockerReleasedAt")}</th><td>${release.time}</td></tr>
  <tr><th align="left">${msg("bitlockerBreakGlassReason")}</th><td>${release.reason}</td></tr>
  <tr><th align="left">${msg("bitlockerAuditId")}</th><td>${release.auditId}</td></tr>
</table>
<p>${msg("bitlockerBreakGlassNotice")}</p>
</@layout.emailLayout>
