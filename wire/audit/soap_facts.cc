#include "wire/audit/soap_facts.h"

#include <algorithm>
#include <functional>

#include "wire/ihe/vocabulary.h"

namespace xds::audit {
namespace {

constexpr std::string_view kRad69Action = "urn:ihe:rad:2009:RetrieveImagingDocumentSet";

void ForEachElement(const xml::XmlElement& root, const std::function<void(const xml::XmlElement&)>& fn) {
  fn(root);
  for (xml::XmlElement c = root.FirstChildElement(); c; c = c.NextSiblingElement()) ForEachElement(c, fn);
}

void AddPatient(std::string id, TransactionFacts& facts) {
  // An ITI-18 parameter value is quoted: '...'.
  if (id.size() >= 2 && id.front() == '\'' && id.back() == '\'') id = id.substr(1, id.size() - 2);
  if (id.empty()) return;
  if (std::find(facts.patient_ids.begin(), facts.patient_ids.end(), id) == facts.patient_ids.end())
    facts.patient_ids.push_back(std::move(id));
}

std::string ChildText(const xml::XmlElement& e, std::string_view local) {
  for (xml::XmlElement c = e.FirstChildElement(); c; c = c.NextSiblingElement())
    if (c.LocalName() == local) return c.Text();
  return {};
}

bool IsPatientParameter(const std::string& name) {
  return name == "$XDSDocumentEntryPatientId" || name == "$XDSSubmissionSetPatientId" ||
         name == "$XDSFolderPatientId" || name == "$patientId";
}

}  // namespace

std::optional<Transaction> TransactionOfAction(std::string_view action) {
  if (action == vocab::kActionStoredQuery) return Transaction::kIti18;
  if (action == vocab::kActionRegister) return Transaction::kIti42;
  if (action == vocab::kActionProvideAndRegister) return Transaction::kIti41;
  if (action == vocab::kActionRetrieve) return Transaction::kIti43;
  if (action == kRad69Action) return Transaction::kRad69;
  return std::nullopt;
}

void AddRequestFacts(Transaction transaction, const xml::XmlElement& body, TransactionFacts& facts) {
  if (!body) return;
  switch (transaction) {
    case Transaction::kIti18:
      facts.query_request = body.Serialize();
      ForEachElement(body, [&](const xml::XmlElement& e) {
        if (e.LocalName() == "AdhocQuery" && facts.query_id.empty()) facts.query_id = e.Attr("id");
        if (e.LocalName() == "Slot" && IsPatientParameter(e.Attr("name")))
          ForEachElement(e, [&](const xml::XmlElement& v) {
            if (v.LocalName() == "Value") AddPatient(v.Text(), facts);
          });
      });
      break;
    case Transaction::kIti41:
    case Transaction::kIti42:
    case Transaction::kRad68:
      ForEachElement(body, [&](const xml::XmlElement& e) {
        if (e.LocalName() != "ExternalIdentifier") return;
        std::string scheme = e.Attr("identificationScheme");
        if (scheme == vocab::kSsUniqueId) facts.submission_set_unique_id = e.Attr("value");
        if (scheme == vocab::kSsPatientId || scheme == vocab::kDePatientId) AddPatient(e.Attr("value"), facts);
      });
      break;
    case Transaction::kIti43:
      ForEachElement(body, [&](const xml::XmlElement& e) {
        if (e.LocalName() == "DocumentRequest")
          facts.documents.push_back(
              {ChildText(e, "DocumentUniqueId"), ChildText(e, "RepositoryUniqueId"), ChildText(e, "HomeCommunityId")});
      });
      break;
    case Transaction::kRad69:
      ForEachElement(body, [&](const xml::XmlElement& e) {
        if (e.LocalName() == "StudyRequest") facts.study_uids.push_back(e.Attr("studyInstanceUID"));
      });
      break;
    default:
      break;
  }
}

void AddRequesterFacts(const security::Requester& requester, TransactionFacts& facts) {
  if (!requester.assertion) return;
  const security::UserAssertion& a = *requester.assertion;
  facts.human_requestor = a.subject_alias + "<" + a.subject + "@" + a.issuer + ">";
  for (const security::CodedValue& p : a.purposes_of_use)
    facts.purposes_of_use.push_back({p.code, p.code_system, p.display_name.empty() ? p.code : p.display_name});
}

Outcome OutcomeOfReply(std::string_view reply_body_xml) {
  // The status sits on the reply's root element (or, for a retrieve, its
  // first child): look no further than its start.
  std::string_view head = reply_body_xml.substr(0, 4096);
  if (head.find("ResponseStatusType:Failure") != std::string_view::npos) return Outcome::kSeriousFailure;
  if (head.find("ResponseStatusType:PartialSuccess") != std::string_view::npos) return Outcome::kMinorFailure;
  return Outcome::kSuccess;
}

}  // namespace xds::audit
