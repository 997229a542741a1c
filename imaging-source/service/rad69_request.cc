#include "imaging-source/service/rad69_request.h"

#include "wire/ihe/namespaces.h"
#include "wire/xml/xml_writer.h"

namespace xds::imaging {
namespace {

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

size_t Rad69Request::DocumentCount() const {
  size_t n = 0;
  for (const auto& st : studies)
    for (const auto& se : st.series) n += se.documents.size();
  return n;
}

Result<Rad69Request> ReadRad69Request(const xml::XmlElement& body) {
  if (!body.Is(ns::kXdsIB, "RetrieveImagingDocumentSetRequest"))
    return Status::InvalidArgument("expected iherad:RetrieveImagingDocumentSetRequest, got " +
                                   std::string(body.LocalName()));
  Rad69Request out;
  for (const auto& st : body.Children(ns::kXdsIB, "StudyRequest")) {
    Rad69StudyRequest study;
    study.study_instance_uid = Trim(st.Attr("studyInstanceUID"));
    if (study.study_instance_uid.empty()) return Status::InvalidArgument("StudyRequest without studyInstanceUID");
    for (const auto& se : st.Children(ns::kXdsIB, "SeriesRequest")) {
      Rad69SeriesRequest series;
      series.series_instance_uid = Trim(se.Attr("seriesInstanceUID"));
      if (series.series_instance_uid.empty())
        return Status::InvalidArgument("SeriesRequest without seriesInstanceUID in study " + study.study_instance_uid);
      for (const auto& d : se.Children(ns::kXdsB, "DocumentRequest")) {
        Rad69DocumentRequest doc;
        if (auto e = d.FirstChild(ns::kXdsB, "HomeCommunityId")) doc.home_community_id = Trim(e.Text());
        if (auto e = d.FirstChild(ns::kXdsB, "RepositoryUniqueId")) doc.repository_unique_id = Trim(e.Text());
        if (auto e = d.FirstChild(ns::kXdsB, "DocumentUniqueId")) doc.document_unique_id = Trim(e.Text());
        if (doc.repository_unique_id.empty() || doc.document_unique_id.empty())
          return Status::InvalidArgument("DocumentRequest without RepositoryUniqueId or DocumentUniqueId in series " +
                                         series.series_instance_uid);
        series.documents.push_back(std::move(doc));
      }
      if (series.documents.empty())
        return Status::InvalidArgument("SeriesRequest " + series.series_instance_uid + " has no DocumentRequest");
      study.series.push_back(std::move(series));
    }
    if (study.series.empty())
      return Status::InvalidArgument("StudyRequest " + study.study_instance_uid + " has no SeriesRequest");
    out.studies.push_back(std::move(study));
  }
  if (out.studies.empty()) return Status::InvalidArgument("RetrieveImagingDocumentSetRequest has no StudyRequest");
  auto list = body.FirstChild(ns::kXdsIB, "TransferSyntaxUIDList");
  if (!list) return Status::InvalidArgument("RetrieveImagingDocumentSetRequest has no TransferSyntaxUIDList");
  for (const auto& ts : list.Children(ns::kXdsIB, "TransferSyntaxUID")) {
    std::string uid = Trim(ts.Text());
    if (!uid.empty()) out.transfer_syntaxes.push_back(uid);
  }
  return out;
}

std::string WriteRad69Request(const Rad69Request& request) {
  xml::XmlWriter w;
  w.Open("iherad:RetrieveImagingDocumentSetRequest").Attr("xmlns:iherad", ns::kXdsIB).Attr("xmlns:xds", ns::kXdsB);
  for (const auto& st : request.studies) {
    w.Open("iherad:StudyRequest").Attr("studyInstanceUID", st.study_instance_uid);
    for (const auto& se : st.series) {
      w.Open("iherad:SeriesRequest").Attr("seriesInstanceUID", se.series_instance_uid);
      for (const auto& d : se.documents) {
        w.Open("xds:DocumentRequest");
        if (!d.home_community_id.empty()) w.Element("xds:HomeCommunityId", d.home_community_id);
        w.Element("xds:RepositoryUniqueId", d.repository_unique_id);
        w.Element("xds:DocumentUniqueId", d.document_unique_id);
        w.Close();
      }
      w.Close();
    }
    w.Close();
  }
  w.Open("iherad:TransferSyntaxUIDList");
  for (const auto& ts : request.transfer_syntaxes) w.Element("iherad:TransferSyntaxUID", ts);
  w.Close().Close();
  return w.Take();
}

}  // namespace xds::imaging
