#include "wire/audit/audit_message.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "wire/base/base64.h"
#include "wire/xml/xml_writer.h"

namespace xds::audit {
namespace {

void WriteCode(xml::XmlWriter& w, std::string_view element, const Code& c) {
  w.Open(element).Attr("csd-code", c.code).Attr("codeSystemName", c.system_name).Attr("originalText", c.display);
  w.Close();
}

}  // namespace

std::string ToXml(const AuditMessage& m) {
  xml::XmlWriter w;
  w.Open("AuditMessage");
  w.Open("EventIdentification")
      .Attr("EventActionCode", std::string(1, m.action))
      .Attr("EventDateTime", m.event_time.empty() ? UtcNow() : m.event_time)
      .Attr("EventOutcomeIndicator", std::to_string(static_cast<int>(m.outcome)));
  WriteCode(w, "EventID", m.event_id);
  for (const Code& t : m.event_types) WriteCode(w, "EventTypeCode", t);
  if (!m.outcome_description.empty()) w.Element("EventOutcomeDescription", m.outcome_description);
  for (const Code& p : m.purposes_of_use) WriteCode(w, "PurposeOfUse", p);
  w.Close();

  for (const ActiveParticipant& p : m.participants) {
    w.Open("ActiveParticipant").Attr("UserID", p.user_id);
    if (!p.alternative_user_id.empty()) w.Attr("AlternativeUserID", p.alternative_user_id);
    if (!p.user_name.empty()) w.Attr("UserName", p.user_name);
    w.Attr("UserIsRequestor", p.is_requestor ? "true" : "false");
    if (!p.network_access_point_id.empty()) {
      w.Attr("NetworkAccessPointID", p.network_access_point_id);
      if (p.network_access_point_type)
        w.Attr("NetworkAccessPointTypeCode", std::to_string(p.network_access_point_type));
    }
    for (const Code& r : p.roles) WriteCode(w, "RoleIDCode", r);
    w.Close();
  }

  w.Open("AuditSourceIdentification");
  if (!m.audit_enterprise_site_id.empty()) w.Attr("AuditEnterpriseSiteID", m.audit_enterprise_site_id);
  w.Attr("AuditSourceID", m.audit_source_id);
  for (const Code& t : m.audit_source_types) WriteCode(w, "AuditSourceTypeCode", t);
  w.Close();

  for (const ParticipantObject& o : m.objects) {
    w.Open("ParticipantObjectIdentification").Attr("ParticipantObjectID", o.id);
    w.Attr("ParticipantObjectTypeCode", std::to_string(o.type_code));
    if (o.type_code_role) w.Attr("ParticipantObjectTypeCodeRole", std::to_string(o.type_code_role));
    if (o.data_life_cycle) w.Attr("ParticipantObjectDataLifeCycle", std::to_string(o.data_life_cycle));
    WriteCode(w, "ParticipantObjectIDTypeCode", o.id_type);
    if (!o.query.empty()) w.Element("ParticipantObjectQuery", Base64Encode(o.query));
    else if (!o.name.empty()) w.Element("ParticipantObjectName", o.name);
    for (const auto& [type, value] : o.details)
      w.Open("ParticipantObjectDetail").Attr("type", type).Attr("value", Base64Encode(value)).Close();
    w.Close();
  }
  w.Close();
  return w.Take();
}

std::string UtcNow() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

}  // namespace xds::audit
