<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("bitlockerOwnerChangedIntro", release.deviceName)}</p>
<table>
  <tr><th align="left">${msg("bitlockerDevice")}</th><td>${release.deviceName}</td></tr>
  <tr><th align="left">${msg("bitlockerDeviceId")}</th><td>${release.deviceId}</td></tr>
  <tr><th align="left">${msg("bitlockerOwnerChange")}</th><td>${release.reason}</td></tr>
  <tr><th align="left">${msg("bitlockerReportedBy")}</th><td>${release.actor}</td></tr>
  <tr><th align="left">${msg("bitlockerReportedAt")}</th><td>${release.time}</td></tr>
  <tr><th align="left">${msg("bitlockerAuditId")}</th><td>${release.auditId}</td></tr>
</table>
<p>${msg("bitlockerOwnerChangedNotice")}</p>
</@layout.emailLayout>
