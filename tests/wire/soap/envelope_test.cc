// SOAP 1.2 envelopes: ParseEnvelope and its faults, FirstNotUnderstoodHeader,
// and the response, request and fault envelopes read back.
#include "wire/soap/envelope.h"

#include <gtest/gtest.h>

#include <string>

#include "wire/base/ids.h"
#include "wire/ihe/namespaces.h"

namespace xds::soap {
namespace {

constexpr char kAction[] = "urn:ihe:iti:2007:RegistryStoredQuery";
constexpr char kMessageId[] = "urn:uuid:6f0c3c32-5c0f-4b1e-9d0a-1f8c1d7a0099";

std::string Envelope12(const std::string& header, const std::string& body) {
  return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
         "xmlns:a=\"http://www.w3.org/2005/08/addressing\">" +
         (header.empty() ? std::string() : "<s:Header>" + header + "</s:Header>") + "<s:Body>" + body +
         "</s:Body></s:Envelope>";
}

std::string ActionHeader() {
  return std::string("<a:Action s:mustUnderstand=\"1\">") + kAction + "</a:Action>";
}

TEST(ParseEnvelopeTest, ReadsEveryWsAddressingHeaderTrimmed) {
  const std::string xml = Envelope12(
      std::string("<a:Action s:mustUnderstand=\"1\">\n   ") + kAction + "  \n</a:Action>"
          "<a:MessageID>\t" + kMessageId + "\r\n</a:MessageID>"
          "<a:ReplyTo><a:Address>  http://www.w3.org/2005/08/addressing/anonymous </a:Address></a:ReplyTo>"
          "<a:To s:mustUnderstand=\"1\"> http://registry.example.org/xds/registry\n</a:To>"
          "<x:Trace xmlns:x=\"urn:example:trace\">t-1</x:Trace>",
      "<q:AdhocQueryRequest xmlns:q=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"/>");
  ParseOutcome out = ParseEnvelope(xml);
  ASSERT_TRUE(out.ok) << out.fault.reason;
  const Envelope& env = out.envelope;
  EXPECT_EQ(env.action, kAction);
  EXPECT_EQ(env.message_id, kMessageId);
  EXPECT_EQ(env.reply_to, ns::kWsaAnonymous);
  EXPECT_EQ(env.to, "http://registry.example.org/xds/registry");
  ASSERT_EQ(env.headers.size(), 5u);
  EXPECT_TRUE(env.headers[0].Is(ns::kWsa, "Action"));
  EXPECT_TRUE(env.headers[4].Is("urn:example:trace", "Trace"));
  EXPECT_EQ(env.headers[4].Text(), "t-1");
  ASSERT_TRUE(env.body);
  EXPECT_TRUE(env.body.Is(ns::kQuery, "AdhocQueryRequest"));
}

TEST(ParseEnvelopeTest, BodyIsTheFirstElementEvenAfterTextAndComments) {
  ParseOutcome out = ParseEnvelope(Envelope12(ActionHeader(), "\n  <!-- c -->\n  <m:Req xmlns:m=\"urn:m\"/><m:Second xmlns:m=\"urn:m\"/>"));
  ASSERT_TRUE(out.ok) << out.fault.reason;
  EXPECT_TRUE(out.envelope.body.Is("urn:m", "Req"));
  EXPECT_TRUE(out.envelope.message_id.empty());
  EXPECT_TRUE(out.envelope.reply_to.empty());
  EXPECT_TRUE(out.envelope.to.empty());
}

TEST(ParseEnvelopeTest, EnvelopeOutlivesTheParseOutcome) {
  Envelope env;
  {
    ParseOutcome out = ParseEnvelope(Envelope12(ActionHeader(), "<m:Req xmlns:m=\"urn:m\" k=\"v\"/>"));
    ASSERT_TRUE(out.ok);
    env = std::move(out.envelope);
  }
  EXPECT_EQ(env.body.Attr("k"), "v");
  EXPECT_EQ(env.headers.size(), 1u);
}

TEST(ParseEnvelopeTest, Soap11IsAVersionMismatch) {
  ParseOutcome out = ParseEnvelope(
      "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><x/></e:Body></e:Envelope>");
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.code, FaultCode::kVersionMismatch);
  EXPECT_NE(out.fault.reason.find("SOAP 1.1"), std::string::npos) << out.fault.reason;
}

TEST(ParseEnvelopeTest, MissingActionIsASenderFaultWithTheWsaSubcode) {
  ParseOutcome out = ParseEnvelope(
      Envelope12(std::string("<a:MessageID>") + kMessageId + "</a:MessageID>", "<m:Req xmlns:m=\"urn:m\"/>"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.code, FaultCode::kSender);
  EXPECT_EQ(out.fault.subcode, "wsa:MessageAddressingHeaderRequired");
  EXPECT_NE(out.fault.reason.find("Action"), std::string::npos) << out.fault.reason;
}

TEST(ParseEnvelopeTest, BlankActionCountsAsMissing) {
  ParseOutcome out = ParseEnvelope(Envelope12("<a:Action> \n\t </a:Action>", "<m:Req xmlns:m=\"urn:m\"/>"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.subcode, "wsa:MessageAddressingHeaderRequired");
}

TEST(ParseEnvelopeTest, NoHeaderAtAllIsMissingAction) {
  ParseOutcome out = ParseEnvelope(Envelope12("", "<m:Req xmlns:m=\"urn:m\"/>"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.code, FaultCode::kSender);
  EXPECT_EQ(out.fault.subcode, "wsa:MessageAddressingHeaderRequired");
}

TEST(ParseEnvelopeTest, ActionInAnotherNamespaceIsNotTheWsaAction) {
  ParseOutcome out = ParseEnvelope(Envelope12(
      "<o:Action xmlns:o=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">urn:x</o:Action>",
      "<m:Req xmlns:m=\"urn:m\"/>"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.subcode, "wsa:MessageAddressingHeaderRequired");
}

TEST(ParseEnvelopeTest, EmptyBodyIsASenderFault) {
  for (const std::string& body : {std::string(), std::string("  \n "), std::string("<!-- nothing -->")}) {
    ParseOutcome out = ParseEnvelope(Envelope12(ActionHeader(), body));
    ASSERT_FALSE(out.ok);
    EXPECT_EQ(out.fault.code, FaultCode::kSender);
    EXPECT_NE(out.fault.reason.find("Body is empty"), std::string::npos) << out.fault.reason;
  }
}

TEST(ParseEnvelopeTest, MissingBodyIsASenderFault) {
  ParseOutcome out = ParseEnvelope(
      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
      "xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>" + ActionHeader() +
      "</s:Header></s:Envelope>");
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.code, FaultCode::kSender);
  EXPECT_NE(out.fault.reason.find("no Body"), std::string::npos) << out.fault.reason;
}

TEST(ParseEnvelopeTest, MalformedOrForeignXmlIsASenderFault) {
  ParseOutcome bad = ParseEnvelope("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>");
  ASSERT_FALSE(bad.ok);
  EXPECT_EQ(bad.fault.code, FaultCode::kSender);
  EXPECT_NE(bad.fault.reason.find("malformed XML"), std::string::npos) << bad.fault.reason;

  ParseOutcome foreign = ParseEnvelope("<Envelope><Body><x/></Body></Envelope>");
  ASSERT_FALSE(foreign.ok);
  EXPECT_EQ(foreign.fault.code, FaultCode::kSender);
  EXPECT_NE(foreign.fault.reason.find("not a SOAP 1.2 Envelope"), std::string::npos) << foreign.fault.reason;
}

TEST(ParseEnvelopeTest, DoctypeIsASenderFault) {
  ParseOutcome out = ParseEnvelope(
      "<!DOCTYPE s:Envelope [<!ENTITY e \"x\">]>" + Envelope12(ActionHeader(), "<m:Req xmlns:m=\"urn:m\">&e;</m:Req>"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.fault.code, FaultCode::kSender);
  EXPECT_NE(out.fault.reason.find("DOCTYPE"), std::string::npos) << out.fault.reason;
}

TEST(ParseEnvelopeTest, LimitsArePassedToTheParser) {
  const std::string xml = Envelope12(ActionHeader(), "<m:Req xmlns:m=\"urn:m\"><m:a><m:b/></m:a></m:Req>");
  xml::ParseLimits limits;
  limits.max_depth = 4;  // Envelope/Body/Req/a/b is 5
  ParseOutcome deep = ParseEnvelope(xml, limits);
  ASSERT_FALSE(deep.ok);
  EXPECT_EQ(deep.fault.code, FaultCode::kSender);
  limits.max_depth = 5;
  EXPECT_TRUE(ParseEnvelope(xml, limits).ok);
  limits.max_bytes = xml.size() - 1;
  ParseOutcome big = ParseEnvelope(xml, limits);
  ASSERT_FALSE(big.ok);
  EXPECT_EQ(big.fault.code, FaultCode::kSender);
}

TEST(FirstNotUnderstoodHeaderTest, WsaHeadersAreUnderstood) {
  ParseOutcome out = ParseEnvelope(Envelope12(
      ActionHeader() + "<a:To s:mustUnderstand=\"true\">http://x</a:To>", "<m:Req xmlns:m=\"urn:m\"/>"));
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope), "");
}

TEST(FirstNotUnderstoodHeaderTest, ForeignMustUnderstandHeaderIsNamed) {
  for (const char* value : {"1", "true"}) {
    ParseOutcome out = ParseEnvelope(Envelope12(
        ActionHeader() + "<x:Info xmlns:x=\"urn:x\"/>"
            "<w:Security xmlns:w=\"urn:sec\" s:mustUnderstand=\"" + value + "\"/>"
            "<w:Other xmlns:w=\"urn:sec\" s:mustUnderstand=\"1\"/>",
        "<m:Req xmlns:m=\"urn:m\"/>"));
    ASSERT_TRUE(out.ok);
    EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope), "{urn:sec}Security") << value;
  }
}

TEST(FirstNotUnderstoodHeaderTest, OptionalOrUnqualifiedFlagIsIgnored) {
  ParseOutcome out = ParseEnvelope(Envelope12(
      ActionHeader() + "<w:A xmlns:w=\"urn:sec\" s:mustUnderstand=\"0\"/>"
          "<w:B xmlns:w=\"urn:sec\" s:mustUnderstand=\"false\"/>"
          "<w:C xmlns:w=\"urn:sec\" mustUnderstand=\"1\"/>"
          "<w:D xmlns:w=\"urn:sec\" xmlns:e11=\"http://schemas.xmlsoap.org/soap/envelope/\" e11:mustUnderstand=\"1\"/>",
      "<m:Req xmlns:m=\"urn:m\"/>"));
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope), "");
}

// Reads wsa:RelatesTo (ParseEnvelope does not keep it).
std::string RelatesTo(const Envelope& env) {
  for (const auto& h : env.headers)
    if (h.Is(ns::kWsa, "RelatesTo")) return h.Text();
  return {};
}

TEST(WriteResponseEnvelopeTest, ParsesBackWithActionRelatesToAndBody) {
  std::string xml = WriteResponseEnvelope("urn:ihe:iti:2007:RegistryStoredQueryResponse", kMessageId,
                                          "<m:Resp xmlns:m=\"urn:m\" n=\"1\"/>");
  ParseOutcome out = ParseEnvelope(xml);
  ASSERT_TRUE(out.ok) << out.fault.reason << "\n" << xml;
  EXPECT_EQ(out.envelope.action, "urn:ihe:iti:2007:RegistryStoredQueryResponse");
  EXPECT_TRUE(IsUrnUuid(out.envelope.message_id)) << out.envelope.message_id;
  EXPECT_NE(out.envelope.message_id, kMessageId);
  EXPECT_EQ(RelatesTo(out.envelope), kMessageId);
  EXPECT_TRUE(out.envelope.body.Is("urn:m", "Resp"));
  EXPECT_EQ(out.envelope.body.Attr("n"), "1");
  EXPECT_EQ(out.envelope.headers[0].AttrNs(ns::kSoap12, "mustUnderstand"), "1");
  EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope), "");
}

TEST(WriteResponseEnvelopeTest, NoRelatesToWhenEmptyAndActionEscaped) {
  std::string xml = WriteResponseEnvelope("urn:a&b<c>", "", "<m:Resp xmlns:m=\"urn:m\"/>");
  ParseOutcome out = ParseEnvelope(xml);
  ASSERT_TRUE(out.ok) << out.fault.reason << "\n" << xml;
  EXPECT_EQ(out.envelope.action, "urn:a&b<c>");
  EXPECT_EQ(RelatesTo(out.envelope), "");
  EXPECT_EQ(xml.find("RelatesTo"), std::string::npos);
}

TEST(WriteRequestEnvelopeTest, ParsesBackWithEveryHeader) {
  std::string xml = WriteRequestEnvelope(kAction, "http://h:1/xds/registry", kMessageId,
                                         "<m:Req xmlns:m=\"urn:m\"/>");
  ParseOutcome out = ParseEnvelope(xml);
  ASSERT_TRUE(out.ok) << out.fault.reason;
  EXPECT_EQ(out.envelope.action, kAction);
  EXPECT_EQ(out.envelope.message_id, kMessageId);
  EXPECT_EQ(out.envelope.to, "http://h:1/xds/registry");
  EXPECT_EQ(out.envelope.reply_to, ns::kWsaAnonymous);
  EXPECT_TRUE(out.envelope.body.Is("urn:m", "Req"));
  EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope), "");
}

Fault ReadBack(const std::string& xml, std::string* relates_to) {
  auto doc = xml::XmlDocument::Parse(xml);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString() << "\n" << xml;
  if (!doc.ok()) return {};
  xml::XmlElement root = doc->Root();
  EXPECT_TRUE(root.Is(ns::kSoap12, "Envelope"));
  xml::XmlElement header = root.FirstChild(ns::kSoap12, "Header");
  EXPECT_EQ(header.FirstChild(ns::kWsa, "Action").Text(), "http://www.w3.org/2005/08/addressing/soap/fault");
  EXPECT_TRUE(IsUrnUuid(header.FirstChild(ns::kWsa, "MessageID").Text()));
  xml::XmlElement rel = header.FirstChild(ns::kWsa, "RelatesTo");
  *relates_to = rel ? rel.Text() : std::string();
  return ReadFault(root.FirstChild(ns::kSoap12, "Body").FirstChildElement());
}

TEST(WriteFaultEnvelopeTest, EveryCodeReadsBack) {
  for (FaultCode code : {FaultCode::kVersionMismatch, FaultCode::kMustUnderstand, FaultCode::kSender,
                         FaultCode::kReceiver}) {
    std::string relates;
    Fault f = ReadBack(WriteFaultEnvelope(Fault{code, {}, "why"}, kMessageId), &relates);
    EXPECT_EQ(f.code, code) << static_cast<int>(code);
    EXPECT_EQ(f.subcode, "");
    EXPECT_EQ(f.reason, "why");
    EXPECT_EQ(relates, kMessageId);
  }
}

TEST(WriteFaultEnvelopeTest, SubcodeAndEscapedReasonReadBack) {
  std::string relates = "unset";
  std::string xml = WriteFaultEnvelope(
      Fault{FaultCode::kSender, "wsa:ActionNotSupported", "action <urn:x&y> \"unknown\""}, "");
  Fault f = ReadBack(xml, &relates);
  EXPECT_EQ(f.code, FaultCode::kSender);
  EXPECT_EQ(f.subcode, "wsa:ActionNotSupported");
  EXPECT_EQ(f.reason, "action <urn:x&y> \"unknown\"");
  EXPECT_EQ(relates, "");
  // The subcode's prefix is bound to WS-Addressing in the fault envelope.
  EXPECT_NE(xml.find("xmlns:wsa=\"http://www.w3.org/2005/08/addressing\""), std::string::npos);
}

// WS-Security 1.1 §12 faults (XUA): the wsse: prefix is declared too.
TEST(WriteFaultEnvelopeTest, WsSecuritySubcodeIsBound) {
  std::string relates;
  std::string xml = WriteFaultEnvelope(Fault{FaultCode::kSender, "wsse:FailedCheck", "altered"}, kMessageId);
  EXPECT_EQ(ReadBack(xml, &relates).subcode, "wsse:FailedCheck");
  EXPECT_NE(xml.find("xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"
                     "oasis-200401-wss-wssecurity-secext-1.0.xsd\""),
            std::string::npos);
}

constexpr char kWsseSecurity[] =
    "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\" "
    "soap:mustUnderstand=\"true\"><x:Token xmlns:x=\"urn:x\"/></wsse:Security>";

// A client's extra header blocks (a XUA wsse:Security) go verbatim into the
// header; the endpoint understands wsse:Security only when it verifies it.
TEST(WriteRequestEnvelopeTest, ExtraHeaderBlocksFollowTheAddressingOnes) {
  std::string xml = WriteRequestEnvelope(kAction, "http://h:1/xds/registry", kMessageId, "<m:Req xmlns:m=\"urn:m\"/>",
                                         {kWsseSecurity});
  ParseOutcome out = ParseEnvelope(xml);
  ASSERT_TRUE(out.ok) << out.fault.reason << "\n" << xml;
  ASSERT_FALSE(out.envelope.headers.empty());
  EXPECT_EQ(out.envelope.headers.back().LocalName(), "Security");
  EXPECT_EQ(out.envelope.action, kAction);
  EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope),
            "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}Security");
  EXPECT_EQ(FirstNotUnderstoodHeader(out.envelope, /*understands_ws_security=*/true), "");
}

TEST(ReadFaultTest, NonFaultGivesEmptyReason) {
  auto doc = xml::XmlDocument::Parse("<m:Resp xmlns:m=\"urn:m\"/>");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(ReadFault(doc->Root()).reason, "");
}

TEST(ReadFaultTest, FaultWithoutReasonGetsAGenericOne) {
  auto doc = xml::XmlDocument::Parse(
      "<f:Fault xmlns:f=\"http://www.w3.org/2003/05/soap-envelope\"><f:Code><f:Value>f:Receiver</f:Value>"
      "</f:Code></f:Fault>");
  ASSERT_TRUE(doc.ok());
  Fault f = ReadFault(doc->Root());
  EXPECT_EQ(f.code, FaultCode::kReceiver);
  EXPECT_EQ(f.reason, "SOAP fault");
}

}  // namespace
}  // namespace xds::soap
