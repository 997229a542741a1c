#include "wire/soap/envelope.h"

#include "wire/base/ids.h"
#include "wire/ihe/namespaces.h"
#include "wire/security/xua_verifier.h"  // the WS-Security namespace
#include "wire/xml/xml_writer.h"

namespace xds::soap {
namespace {

const char* FaultCodeName(FaultCode code) {
  switch (code) {
    case FaultCode::kVersionMismatch: return "soap:VersionMismatch";
    case FaultCode::kMustUnderstand: return "soap:MustUnderstand";
    case FaultCode::kSender: return "soap:Sender";
    case FaultCode::kReceiver: return "soap:Receiver";
  }
  return "soap:Receiver";
}

bool IsTrue(const std::string& v) { return v == "1" || v == "true"; }

ParseOutcome Failed(FaultCode code, std::string reason, std::string subcode = {}) {
  ParseOutcome out;
  out.fault = Fault{code, std::move(subcode), std::move(reason)};
  return out;
}

}  // namespace

ParseOutcome ParseEnvelope(std::string_view bytes, const xml::ParseLimits& limits) {
  auto doc = xml::XmlDocument::Parse(bytes, limits);
  if (!doc.ok()) return Failed(FaultCode::kSender, doc.status().message());
  xml::XmlElement root = doc->Root();
  if (root.Is(ns::kSoap11, "Envelope"))
    return Failed(FaultCode::kVersionMismatch,
                  "SOAP 1.1 envelope received; IHE transactions require SOAP 1.2");
  if (!root.Is(ns::kSoap12, "Envelope"))
    return Failed(FaultCode::kSender, "root element is not a SOAP 1.2 Envelope");

  ParseOutcome out;
  Envelope& env = out.envelope;
  if (xml::XmlElement header = root.FirstChild(ns::kSoap12, "Header")) {
    for (const auto& h : header.Children()) {
      env.headers.push_back(h);
      if (h.NamespaceUri() != ns::kWsa) continue;
      if (h.LocalName() == "Action") env.action = h.Text();
      else if (h.LocalName() == "MessageID") env.message_id = h.Text();
      else if (h.LocalName() == "To") env.to = h.Text();
      else if (h.LocalName() == "ReplyTo")
        if (auto a = h.FirstChild(ns::kWsa, "Address")) env.reply_to = a.Text();
    }
  }
  xml::XmlElement body = root.FirstChild(ns::kSoap12, "Body");
  if (!body) return Failed(FaultCode::kSender, "SOAP envelope has no Body");
  env.body = body.FirstChildElement();
  if (!env.body) return Failed(FaultCode::kSender, "SOAP Body is empty");
  auto trim = [](std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    size_t e = s.find_last_not_of(" \t\r\n");
    s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  trim(env.action);
  trim(env.message_id);
  trim(env.reply_to);
  trim(env.to);
  if (env.action.empty())
    return Failed(FaultCode::kSender, "WS-Addressing Action header is missing",
                  "wsa:MessageAddressingHeaderRequired");
  env.document = std::move(*doc);
  out.ok = true;
  return out;
}

std::string FirstNotUnderstoodHeader(const Envelope& envelope, bool understands_ws_security) {
  for (const auto& h : envelope.headers) {
    if (h.NamespaceUri() == ns::kWsa) continue;
    if (understands_ws_security && h.Is(security::kWsseNamespace, "Security")) continue;
    if (IsTrue(h.AttrNs(ns::kSoap12, "mustUnderstand")))
      return "{" + std::string(h.NamespaceUri()) + "}" + std::string(h.LocalName());
  }
  return {};
}

std::string WriteResponseEnvelope(std::string_view action, std::string_view relates_to,
                                  std::string_view body_xml) {
  xml::XmlWriter w;
  w.Open("soap:Envelope").Attr("xmlns:soap", ns::kSoap12).Attr("xmlns:wsa", ns::kWsa);
  w.Open("soap:Header");
  w.Open("wsa:Action").Attr("soap:mustUnderstand", "1").Text(action).Close();
  w.Element("wsa:MessageID", NewUrnUuid());
  if (!relates_to.empty()) w.Element("wsa:RelatesTo", relates_to);
  w.Close();
  w.Open("soap:Body").Raw(body_xml).Close();
  w.Close();
  return w.Take();
}

std::string WriteRequestEnvelope(std::string_view action, std::string_view to,
                                 std::string_view message_id, std::string_view body_xml,
                                 const std::vector<std::string>& extra_headers) {
  xml::XmlWriter w;
  w.Open("soap:Envelope").Attr("xmlns:soap", ns::kSoap12).Attr("xmlns:wsa", ns::kWsa);
  w.Open("soap:Header");
  w.Open("wsa:Action").Attr("soap:mustUnderstand", "1").Text(action).Close();
  w.Element("wsa:MessageID", message_id);
  w.Open("wsa:ReplyTo").Element("wsa:Address", ns::kWsaAnonymous).Close();
  w.Open("wsa:To").Attr("soap:mustUnderstand", "1").Text(to).Close();
  for (const std::string& block : extra_headers) w.Raw(block);
  w.Close();
  w.Open("soap:Body").Raw(body_xml).Close();
  w.Close();
  return w.Take();
}

std::string WriteFaultEnvelope(const Fault& fault, std::string_view relates_to) {
  xml::XmlWriter w;
  w.Open("soap:Envelope").Attr("xmlns:soap", ns::kSoap12).Attr("xmlns:wsa", ns::kWsa);
  if (fault.subcode.rfind("wsse:", 0) == 0) w.Attr("xmlns:wsse", security::kWsseNamespace);
  w.Open("soap:Header");
  w.Open("wsa:Action").Attr("soap:mustUnderstand", "1").Text("http://www.w3.org/2005/08/addressing/soap/fault").Close();
  w.Element("wsa:MessageID", NewUrnUuid());
  if (!relates_to.empty()) w.Element("wsa:RelatesTo", relates_to);
  w.Close();
  w.Open("soap:Body").Open("soap:Fault");
  w.Open("soap:Code").Element("soap:Value", FaultCodeName(fault.code));
  if (!fault.subcode.empty()) w.Open("soap:Subcode").Element("soap:Value", fault.subcode).Close();
  w.Close();
  w.Open("soap:Reason").Open("soap:Text").Attr("xml:lang", "en").Text(fault.reason).Close().Close();
  w.Close().Close().Close();
  return w.Take();
}

Fault ReadFault(const xml::XmlElement& body) {
  Fault f;
  if (!body.Is(ns::kSoap12, "Fault")) return f;
  if (auto code = body.FirstChild(ns::kSoap12, "Code")) {
    if (auto v = code.FirstChild(ns::kSoap12, "Value")) {
      std::string name = v.Text();
      if (name.find("VersionMismatch") != std::string::npos) f.code = FaultCode::kVersionMismatch;
      else if (name.find("MustUnderstand") != std::string::npos) f.code = FaultCode::kMustUnderstand;
      else if (name.find("Receiver") != std::string::npos) f.code = FaultCode::kReceiver;
    }
    if (auto sub = code.FirstChild(ns::kSoap12, "Subcode"))
      if (auto v = sub.FirstChild(ns::kSoap12, "Value")) f.subcode = v.Text();
  }
  if (auto reason = body.FirstChild(ns::kSoap12, "Reason"))
    if (auto t = reason.FirstChild(ns::kSoap12, "Text")) f.reason = t.Text();
  if (f.reason.empty()) f.reason = "SOAP fault";
  return f;
}

}  // namespace xds::soap
