// REP-*: the Document Repository (ITI TF-2b 3.41 Provide and Register
// Document Set-b, 3.43 Retrieve Document Set): MTOM/XOP and inline
// documents, the repository's own checks (hash, size, documents without
// entries and entries without documents), registration failures that leave
// nothing retrievable, and retrieves with partial success.
#include "conformance/catalogue/catalogue.h"
#include "wire/base/digest.h"
#include "wire/ihe/vocabulary.h"

namespace xds::conformance {
namespace {

// Document Source metadata: the repository fills hash, size, repositoryUniqueId.
DocumentSpec SourceDocument(std::string label, std::string content = {}, std::string mime = "text/plain") {
  DocumentSpec s;
  s.label = std::move(label);
  s.repository_fields = false;
  s.content = std::move(content);
  s.mime_type = std::move(mime);
  return s;
}

using Edit = std::function<void(SubmissionBuilder&)>;

Case Provide(std::string id, std::string title, std::string rule, Edit build, Expected expected,
             bool inline_documents = false) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.actor = Actor::kRepository;
  c.request = [build, inline_documents](CaseContext& ctx) {
    SubmissionBuilder b(ctx);
    build(b);
    return b.Iti41(inline_documents);
  };
  c.expected = std::move(expected);
  return c;
}

// Provides what `build` makes, then retrieves `labels` (+ unknown ids).
Case Retrieve(std::string id, std::string title, std::string rule, Edit build, std::vector<std::string> labels,
              Expected expected, bool inline_documents = false) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.actor = Actor::kRepository;
  c.setup = [build, inline_documents](CaseContext& ctx) {
    SubmissionBuilder b(ctx, "ss0");
    build(b);
    return ctx.SendSetup(b.Iti41(inline_documents));
  };
  c.request = [labels](CaseContext& ctx) {
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& l : labels) docs.emplace_back(RepositoryIdOf(ctx), ctx.Uid(l));
    return RetrieveRequest(docs);
  };
  c.expected = std::move(expected);
  return c;
}

std::string Binary(size_t n) {
  std::string bytes(n, '\0');
  uint32_t x = 2463534242u;  // xorshift: every byte value, no pattern a codec could shortcut
  for (auto& b : bytes) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    b = static_cast<char>(x);
  }
  return bytes;
}

}  // namespace

std::vector<Case> RepositoryCases() {
  std::vector<Case> c;
  auto one = [](SubmissionBuilder& b) { b.Document(SourceDocument("de")); };
  c.push_back(Provide("REP-001", "ITI-41 with one document as an MTOM/XOP part",
                      "ITI TF-2b 3.41.4.1.2 MTOM/XOP (xop:Include)", one, Succeeds()));
  c.push_back(Provide("REP-002", "ITI-41 with one document inline (base64)", "ITI TF-2b 3.41.4.1.2 inline Document",
                      one, Succeeds(), true));
  c.push_back(Retrieve("REP-003", "A submitted document comes back byte for byte",
                       "ITI TF-2b 3.43.4.2.3 Retrieve Document Set response", one, {"de"}, Returns({"de"})));
  c.push_back(Retrieve("REP-004", "An inline submission is retrieved as sent",
                       "ITI TF-2b 3.41.4.1.3 inline and MTOM equivalent", one, {"de"}, Returns({"de"}), true));
  auto three = [](SubmissionBuilder& b) {
    b.Document(SourceDocument("de1", "first\n"));
    b.Document(SourceDocument("de2", "<ClinicalDocument/>", "text/xml"));
    b.Document(SourceDocument("de3", Binary(20000), "image/jpeg"));
  };
  c.push_back(Retrieve("REP-005", "Three documents in one submission, retrieved together",
                       "ITI TF-2b 3.43.4.1.2 several DocumentRequests", three, {"de1", "de2", "de3"},
                       Returns({"de1", "de2", "de3"})));
  Case partial = Retrieve("REP-006", "A retrieve with one unknown document: PartialSuccess",
                          "ITI TF-2b 3.43.4.2.3 PartialSuccess; XDSDocumentUniqueIdError", one, {"de", "missing"},
                          PartiallyWith("XDSDocumentUniqueIdError", {"de"}));
  c.push_back(std::move(partial));
  c.push_back(Retrieve("REP-007", "A retrieve of unknown documents only: Failure",
                       "ITI TF-2b 3.43.4.2.3 Failure; XDSDocumentUniqueIdError", one, {"missing1", "missing2"},
                       FailsWith("XDSDocumentUniqueIdError")));
  Case unknown_repo;
  unknown_repo.id = "REP-008";
  unknown_repo.title = "A retrieve naming another repositoryUniqueId";
  unknown_repo.rule = "ITI TF-2b 3.43.4.2.3; TF-3 Table 4.2.4.1-2 XDSUnknownRepositoryId";
  unknown_repo.actor = Actor::kRepository;
  unknown_repo.request = [](CaseContext& ctx) {
    return RetrieveRequest({{"1.2.3.4.5.6.7.8.9.404", ctx.Uid("de")}});
  };
  unknown_repo.expected = FailsWith("XDSUnknownRepositoryId");
  c.push_back(std::move(unknown_repo));
  c.push_back(Provide("REP-009", "ITI-41 whose hash does not match the document",
                      "ITI TF-2b 3.41.4.1.3 hash verified; XDSRepositoryMetadataError",
                      [](SubmissionBuilder& b) {
                        SetSlot(b.Document(SourceDocument("de")), "hash", {"da39a3ee5e6b4b0d3255bfef95601890afd80709"});
                      },
                      FailsWith("XDSRepositoryMetadataError")));
  c.push_back(Provide("REP-010", "ITI-41 whose size does not match the document",
                      "ITI TF-2b 3.41.4.1.3 size verified; XDSRepositoryMetadataError",
                      [](SubmissionBuilder& b) { SetSlot(b.Document(SourceDocument("de")), "size", {"1"}); },
                      FailsWith("XDSRepositoryMetadataError")));
  Case missing_doc;
  missing_doc.id = "REP-011";
  missing_doc.title = "A DocumentEntry without its document";
  missing_doc.rule = "ITI TF-2b 3.41.4.1.3; TF-3 Table 4.2.4.1-2 XDSMissingDocument";
  missing_doc.actor = Actor::kRepository;
  missing_doc.request = [](CaseContext& ctx) {
    SubmissionBuilder b(ctx);
    b.Document(SourceDocument("de"));
    b.Document(SourceDocument("de2"));
    Request r = b.Iti41();
    // Drop the second document's xdsb:Document element and its part.
    size_t at = r.body_xml.find("de2@conformance");
    size_t open = r.body_xml.rfind("<xdsb:Document ", at);
    size_t close = r.body_xml.find("</xdsb:Document>", at);
    if (open != std::string::npos && close != std::string::npos)
      r.body_xml.erase(open, close + std::string("</xdsb:Document>").size() - open);
    r.attachments.pop_back();
    return r;
  };
  missing_doc.expected = FailsWith("XDSMissingDocument");
  c.push_back(std::move(missing_doc));
  Case extra_doc;
  extra_doc.id = "REP-012";
  extra_doc.title = "A document without a DocumentEntry";
  extra_doc.rule = "ITI TF-2b 3.41.4.1.3; TF-3 Table 4.2.4.1-2 XDSMissingDocumentMetadata";
  extra_doc.actor = Actor::kRepository;
  extra_doc.request = [](CaseContext& ctx) {
    SubmissionBuilder b(ctx);
    b.Document(SourceDocument("de"));
    Request r = b.Iti41();
    std::string orphan = ctx.Id("orphan");
    size_t end = r.body_xml.rfind("</xdsb:ProvideAndRegisterDocumentSetRequest>");
    r.body_xml.insert(end, "<xdsb:Document id=\"" + orphan +
                               "\"><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" "
                               "href=\"cid:orphan@conformance\"/></xdsb:Document>");
    r.attachments.push_back({"orphan@conformance", "text/plain", "no entry describes me\n"});
    return r;
  };
  extra_doc.expected = FailsWith("XDSMissingDocumentMetadata");
  c.push_back(std::move(extra_doc));
  c.push_back(Provide("REP-013", "The registry's refusal is passed back (unknown patient)",
                      "ITI TF-2b 3.41.4.1.3 the registry's errors returned; XDSUnknownPatientId",
                      [](SubmissionBuilder& b) {
                        std::string nobody = b.ctx().UnknownPatient();
                        SetIdentifier(b.submission_set(), vocab::kSsPatientId, nobody);
                        DocumentSpec s = SourceDocument("de");
                        s.patient = nobody;
                        b.Document(s);
                      },
                      FailsWith("XDSUnknownPatientId")));
  Case nothing_kept;
  nothing_kept.id = "REP-014";
  nothing_kept.title = "A refused submission leaves no retrievable document";
  nothing_kept.rule = "ITI TF-2b 3.41.4.1.3 all or nothing; ITI-43 XDSDocumentUniqueIdError";
  nothing_kept.actor = Actor::kRepository;
  nothing_kept.setup = [](CaseContext& ctx) {
    SubmissionBuilder b(ctx, "ss0");
    b.Document(SourceDocument("de"));
    RemoveCodes(b.Get("de"), vocab::kDeClassCode);
    auto a = ctx.Send(b.Iti41(), "setup (must be refused)");
    if (!a.ok()) return a.status();
    return a->status == "Failure" ? Status::Ok() : Status::InvalidArgument("the invalid submission was accepted");
  };
  nothing_kept.request = [](CaseContext& ctx) { return RetrieveRequest({{RepositoryIdOf(ctx), ctx.Uid("de")}}); };
  nothing_kept.expected = FailsWith("XDSDocumentUniqueIdError");
  c.push_back(std::move(nothing_kept));
  c.push_back(Retrieve("REP-015", "A 1 MiB binary document round trip",
                       "ITI TF-2b 3.41.4.1.2 / 3.43.4.2.2 MTOM/XOP binary parts",
                       [](SubmissionBuilder& b) { b.Document(SourceDocument("big", Binary(1 << 20), "video/mp4")); },
                       {"big"}, Returns({"big"})));
  Expected mime = Returns({"pdf"});
  mime.check_text = "mimeType application/pdf as registered";
  mime.check = [](CaseContext&, const Answer& a) -> std::string {
    if (a.document_mime_types.size() != 1 || a.document_mime_types[0] != "application/pdf")
      return "mimeType came back as '" + (a.document_mime_types.empty() ? "" : a.document_mime_types[0]) + "'";
    return {};
  };
  c.push_back(Retrieve("REP-016", "mimeType comes back as registered", "ITI TF-2b 3.43.4.2.3 DocumentResponse/mimeType",
                       [](SubmissionBuilder& b) { b.Document(SourceDocument("pdf", "%PDF-1.4\n%%EOF\n", "application/pdf")); },
                       {"pdf"}, mime));
  c.push_back(Provide("REP-017", "Metadata errors found by the registry come back through the repository",
                      "ITI TF-2b 3.41.4.1.3; XDSRegistryMetadataError",
                      [](SubmissionBuilder& b) { RemoveCodes(b.Document(SourceDocument("de")), vocab::kDeTypeCode); },
                      FailsWith("XDSRegistryMetadataError")));
  Case registered;
  registered.id = "REP-018";
  registered.title = "ITI-41 registers the entry with hash, size and repositoryUniqueId";
  registered.rule = "ITI TF-2b 3.41.4.1.3 repository adds hash, size, repositoryUniqueId, then ITI-42";
  registered.actor = Actor::kRepository;
  registered.setup = [](CaseContext& ctx) {
    SubmissionBuilder b(ctx, "ss0");
    b.Document(SourceDocument("de"));
    return ctx.SendSetup(b.Iti41());
  };
  registered.request = [](CaseContext& ctx) {
    QueryBuilder q(query_id::kGetDocuments);
    q.List("$XDSDocumentEntryUniqueId", {ctx.Uid("de")});
    return q.Build();
  };
  registered.expected = Returns({"de"});
  registered.expected.check_text = "hash = SHA-1 of the bytes, size, repositoryUniqueId = the repository's";
  registered.expected.check = [](CaseContext& ctx, const Answer& a) -> std::string {
    if (a.objects.size() != 1) return "no LeafClass DocumentEntry came back";
    const ihe::RegistryObject& de = a.objects.front();
    const std::string& bytes = ctx.contents()["de"];
    if (de.SlotValue("hash") != Sha1::HexOf(bytes)) return "hash is '" + de.SlotValue("hash") + "'";
    if (de.SlotValue("size") != std::to_string(bytes.size())) return "size is '" + de.SlotValue("size") + "'";
    if (de.SlotValue("repositoryUniqueId") != RepositoryIdOf(ctx))
      return "repositoryUniqueId is '" + de.SlotValue("repositoryUniqueId") + "'";
    return {};
  };
  c.push_back(std::move(registered));
  return c;
}

}  // namespace xds::conformance
