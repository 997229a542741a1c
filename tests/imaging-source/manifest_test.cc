// The manifest: KOS content field by field, XDS-I.b metadata, the RAD-68
// request body, and the whole chain from a real PACS.
#include <gtest/gtest.h>

#include <algorithm>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/kos.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/manifest/manifest_publisher.h"
#include "imaging-source/manifest/study_manifest.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/mime/mtom.h"
#include "wire/soap/envelope.h"

namespace xds::imaging {
namespace {

constexpr char kRepo[] = "1.3.6.1.4.1.21367.13.80.110";
constexpr char kCt[] = "1.2.840.10008.5.1.4.1.1.2";
constexpr char kPdf[] = "1.2.840.10008.5.1.4.1.1.104.1";

StudyTree SampleTree() {
  StudyTree t;
  t.study = {"1.2.3.100", "LOC-1", "SITE-A", "DOE^JANE", "19700101", "F", "20240315", "101500.123",
             "ACC-9",     "S1",    "HOUSE^G", "CT CHEST"};
  t.series.push_back({{"1.2.3.100.1", "CT", "1", "", "CHEST"},
                      {{"1.2.3.100.1.1", kCt, "1"}, {"1.2.3.100.1.2", kCt, "2"}}});
  t.series.push_back({{"1.2.3.100.2", "OT", "2", "", ""}, {{"1.2.3.100.2.1", kPdf, "1"}}});
  return t;
}

KosOptions SampleKosOptions() {
  KosOptions o;
  o.retrieve_ae_title = "SITEPACS";
  o.repository_unique_id = kRepo;
  o.wado_rs_base_url = "https://ids.example/wado-rs";
  return o;
}

ManifestOptions SampleMetadataOptions() {
  ManifestOptions o;
  o.source_id = "1.3.6.1.4.1.21367.13.80.1";
  o.class_code = {"IMG", "1.3.6.1.4.1.21367.100.1", "Images"};
  o.type_code = {"18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study"};
  o.confidentiality_code = {"N", "2.16.840.1.113883.5.25", "Normal"};
  o.healthcare_facility_type_code = {"HOSP", "2.16.840.1.113883.5.11", "Hospital"};
  o.practice_setting_code = {"RAD", "1.3.6.1.4.1.21367.100.2", "Radiology"};
  o.content_type_code = {"IMG", "1.3.6.1.4.1.21367.100.3", "Imaging"};
  o.issuer_authorities = {{"SITE-A", "1.3.6.1.4.1.21367.13.20.1000"}};
  o.accession_issuer_oid = "1.3.6.1.4.1.21367.13.20.2000";
  o.anatomic_regions = {{"CHEST", {"51185008", "2.16.840.1.113883.6.96", "Thorax"}}};
  return o;
}

TEST(KosTest, EveryFieldOfTheManifest) {
  auto doc = KosFromStudy(SampleTree(), SampleKosOptions());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto bytes = WriteKos(*doc);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto info = ReadDicomInfo(*bytes);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->transfer_syntax_uid, "1.2.840.10008.1.2.1");
  auto kos = ReadKos(*bytes);
  ASSERT_TRUE(kos.ok()) << kos.status().ToString();
  EXPECT_EQ(kos->sop_class_uid, "1.2.840.10008.5.1.4.1.1.88.59");
  EXPECT_EQ(kos->sop_instance_uid, doc->sop_instance_uid);
  EXPECT_EQ(kos->modality, "KO");
  EXPECT_NE(kos->series_instance_uid, "1.2.3.100.1");  // its own series
  EXPECT_EQ(kos->series_instance_uid, doc->series_instance_uid);
  EXPECT_TRUE(kos->has_referenced_pps_sequence);
  EXPECT_EQ(kos->title_code, "113030");
  EXPECT_EQ(kos->title_scheme, "DCM");
  EXPECT_EQ(kos->title_meaning, "Manifest");
  EXPECT_EQ(kos->template_identifier, "2010");
  EXPECT_EQ(kos->mapping_resource, "DCMR");
  EXPECT_EQ(kos->continuity_of_content, "SEPARATE");
  // Demographics copied from the study.
  EXPECT_EQ(kos->study.study_instance_uid, "1.2.3.100");
  EXPECT_EQ(kos->study.patient_id, "LOC-1");
  EXPECT_EQ(kos->study.issuer_of_patient_id, "SITE-A");
  EXPECT_EQ(kos->study.patient_name, "DOE^JANE");
  EXPECT_EQ(kos->study.patient_birth_date, "19700101");
  EXPECT_EQ(kos->study.patient_sex, "F");
  EXPECT_EQ(kos->study.study_date, "20240315");
  EXPECT_EQ(kos->study.accession_number, "ACC-9");
  EXPECT_EQ(kos->study.referring_physician_name, "HOUSE^G");
  EXPECT_EQ(kos->study.study_id, "S1");
  // Referenced request with the accession number.
  EXPECT_EQ(kos->request_study_instance_uid, "1.2.3.100");
  EXPECT_EQ(kos->request_accession_number, "ACC-9");
  // Evidence: every series and instance, with where to retrieve them.
  ASSERT_EQ(kos->series.size(), 2u);
  EXPECT_EQ(kos->series[0].series_instance_uid, "1.2.3.100.1");
  EXPECT_EQ(kos->series[0].retrieve_ae_title, "SITEPACS");
  EXPECT_EQ(kos->series[0].retrieve_location_uid, kRepo);
  EXPECT_EQ(kos->series[0].retrieve_url, "https://ids.example/wado-rs/studies/1.2.3.100/series/1.2.3.100.1");
  ASSERT_EQ(kos->series[0].instances.size(), 2u);
  EXPECT_EQ(kos->series[0].instances[1].sop_instance_uid, "1.2.3.100.1.2");
  EXPECT_EQ(kos->series[0].instances[1].sop_class_uid, kCt);
  ASSERT_EQ(kos->series[1].instances.size(), 1u);
  EXPECT_EQ(kos->series[1].instances[0].sop_class_uid, kPdf);
  // Content tree: one CONTAINS item per instance, IMAGE or COMPOSITE.
  ASSERT_EQ(kos->content.size(), 3u);
  EXPECT_EQ(kos->content[0].relationship_type, "CONTAINS");
  EXPECT_EQ(kos->content[0].value_type, "IMAGE");
  EXPECT_EQ(kos->content[0].reference.sop_instance_uid, "1.2.3.100.1.1");
  EXPECT_EQ(kos->content[2].value_type, "COMPOSITE");
  EXPECT_EQ(kos->content[2].reference.sop_class_uid, kPdf);
}

TEST(KosTest, InstanceWithoutSopClassIsRefused) {
  StudyTree t = SampleTree();
  t.series[0].instances[0].sop_class_uid.clear();
  auto doc = KosFromStudy(t, SampleKosOptions());
  EXPECT_EQ(doc.status().code(), Status::Code::kInvalidArgument);
}

TEST(KosTest, SeriesWithoutRetrieveLocationIsRefused) {
  KosOptions o = SampleKosOptions();
  o.repository_unique_id.clear();
  EXPECT_FALSE(KosFromStudy(SampleTree(), o).ok());
}

ManifestInput SampleInput() {
  ManifestInput in;
  in.kos = *KosFromStudy(SampleTree(), SampleKosOptions());
  in.kos_sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  in.kos_size = 1234;
  in.modalities = {"CT", "OT", "CT"};
  in.body_parts = {"CHEST"};
  return in;
}

const ihe::RegistryObject* Find(const ihe::SubmitObjectsRequest& r, ihe::XdsObjectType type) {
  for (const auto& o : r.objects)
    if (ihe::XdsTypeOf(o) == type) return &o;
  return nullptr;
}

TEST(ManifestMetadataTest, DocumentEntryFollowsXdsIb) {
  ManifestInput in = SampleInput();
  auto req = BuildManifestSubmission(in, SampleMetadataOptions());
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  const auto* de = Find(*req, ihe::XdsObjectType::kDocumentEntry);
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->mime_type, "application/dicom");
  EXPECT_EQ(de->object_type, vocab::kStableDocumentEntry);
  EXPECT_EQ(ihe::UniqueIdOf(*de), in.kos.sop_instance_uid);
  EXPECT_EQ(ihe::PatientIdOf(*de), "LOC-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  auto format = ihe::CodesOf(*de, vocab::kDeFormatCode);
  ASSERT_EQ(format.size(), 1u);
  EXPECT_EQ(format[0].code, "1.2.840.10008.5.1.4.1.1.88.59");
  EXPECT_EQ(format[0].scheme, "1.2.840.10008.2.6.1");
  auto events = ihe::CodesOf(*de, vocab::kDeEventCode);
  ASSERT_EQ(events.size(), 3u);  // CT, OT once each, and the chest
  EXPECT_EQ(events[0].code, "CT");
  EXPECT_EQ(events[0].scheme, "DCM");
  EXPECT_EQ(events[1].code, "OT");
  EXPECT_EQ(events[2].code, "51185008");
  EXPECT_EQ(ihe::CodesOf(*de, vocab::kDeClassCode)[0].code, "IMG");
  EXPECT_EQ(ihe::CodesOf(*de, vocab::kDeTypeCode)[0].code, "18748-4");
  EXPECT_EQ(de->SlotValue("serviceStartTime"), "20240315101500");
  // The issuer maps to its OID: a CX assigning authority must be one.
  EXPECT_EQ(de->SlotValue("sourcePatientId"), "LOC-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  EXPECT_EQ(de->SlotValue("hash"), in.kos_sha1);
  EXPECT_EQ(de->SlotValue("size"), "1234");
  const ihe::Slot* refs = de->FindSlot(vocab::kSlotReferenceIdList);
  ASSERT_NE(refs, nullptr);
  ASSERT_EQ(refs->values.size(), 2u);
  EXPECT_EQ(refs->values[0], "1.2.3.100^^^^urn:ihe:iti:xds:2016:studyInstanceUID");
  EXPECT_EQ(refs->values[1], "ACC-9^^^&1.3.6.1.4.1.21367.13.20.2000&ISO^urn:ihe:iti:xds:2013:accession");
  const auto* ss = Find(*req, ihe::XdsObjectType::kSubmissionSet);
  ASSERT_NE(ss, nullptr);
  EXPECT_EQ(ihe::PatientIdOf(*ss), ihe::PatientIdOf(*de));
  EXPECT_EQ(ss->ExternalIdentifierValue(vocab::kSsSourceId), "1.3.6.1.4.1.21367.13.80.1");
  const auto* member = Find(*req, ihe::XdsObjectType::kAssociation);
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member->association_type, vocab::kHasMember);
  EXPECT_EQ(member->source_object, ss->id);
  EXPECT_EQ(member->target_object, de->id);
}

TEST(ManifestMetadataTest, ReplacementCarriesRplc) {
  ManifestInput in = SampleInput();
  in.replaces_entry_uuid = "urn:uuid:5b4e1a37-7c2e-4d2b-9a36-0d1f5b6c7e8f";
  auto req = BuildManifestSubmission(in, SampleMetadataOptions());
  ASSERT_TRUE(req.ok());
  int rplc = 0;
  for (const auto& o : req->objects) {
    if (o.association_type != vocab::kRplc) continue;
    ++rplc;
    EXPECT_EQ(o.source_object, kManifestDocumentId);
    EXPECT_EQ(o.target_object, in.replaces_entry_uuid);
  }
  EXPECT_EQ(rplc, 1);
}

TEST(ManifestMetadataTest, PatientIdMapping) {
  ManifestOptions o = SampleMetadataOptions();
  StudyInfo s;
  s.patient_id = "LOC-1";
  s.issuer_of_patient_id = "SITE-A";
  EXPECT_EQ(*AffinityPatientId(s, o), "LOC-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  o.patient_id_map["SITE-A|LOC-1"] = "AFF-77^^^&1.2.3&ISO";
  EXPECT_EQ(*AffinityPatientId(s, o), "AFF-77^^^&1.2.3&ISO");
  s.issuer_of_patient_id = "UNKNOWN-SITE";
  s.patient_id = "LOC-2";
  EXPECT_EQ(AffinityPatientId(s, o).status().code(), Status::Code::kNotFound);
  // No guessed patient: the submission is refused.
  ManifestInput in = SampleInput();
  in.kos.study = s;
  EXPECT_FALSE(BuildManifestSubmission(in, o).ok());
}

TEST(ManifestMetadataTest, MissingAffinityCodesAreRefused) {
  ManifestOptions o = SampleMetadataOptions();
  o.class_code = {};
  EXPECT_EQ(BuildManifestSubmission(SampleInput(), o).status().code(), Status::Code::kInvalidArgument);
}

TEST(ManifestPublisherTest, Rad68RequestIsAnMtomProvideAndRegister) {
  ManifestInput in = SampleInput();
  auto metadata = BuildManifestSubmission(in, SampleMetadataOptions());
  ASSERT_TRUE(metadata.ok());
  std::string kos = *WriteKos(in.kos);
  ManifestPublisher publisher("http://127.0.0.1:9/xds/repository");
  auto request = publisher.BuildRequest(*metadata, kos);
  ASSERT_TRUE(request.ok());
  EXPECT_NE(request->content_type.find("multipart/related"), std::string::npos);
  EXPECT_NE(request->content_type.find("application/xop+xml"), std::string::npos);
  auto mtom = mime::ParseMtom(request->content_type, request->body);
  ASSERT_TRUE(mtom.ok()) << mtom.status().ToString();
  ASSERT_EQ(mtom->parts.size(), 1u);
  const auto& [cid, bytes] = *mtom->parts.begin();
  EXPECT_EQ(bytes, kos);  // the KOS travels unchanged
  EXPECT_EQ(mtom->part_content_types.at(cid), "application/dicom");
  soap::ParseOutcome env = soap::ParseEnvelope(mtom->root_xml);
  ASSERT_TRUE(env.ok) << env.fault.reason;
  EXPECT_EQ(env.envelope.action, vocab::kActionProvideAndRegister);
  EXPECT_EQ(env.envelope.message_id, request->message_id);
  ASSERT_TRUE(env.envelope.body.Is(ns::kXdsB, "ProvideAndRegisterDocumentSetRequest"));
  auto submit = env.envelope.body.FirstChild(ns::kLcm, "SubmitObjectsRequest");
  ASSERT_TRUE(submit);
  auto read = ihe::ReadSubmitObjectsRequest(submit);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->objects.size(), metadata->objects.size());
  auto document = env.envelope.body.FirstChild(ns::kXdsB, "Document");
  ASSERT_TRUE(document);
  EXPECT_EQ(document.Attr("id"), kManifestDocumentId);
  auto include = document.FirstChild(ns::kXop, "Include");
  ASSERT_TRUE(include);
  EXPECT_EQ(mime::CidFromHref(include.Attr("href")), cid);
}

TEST(ManifestPublisherTest, UnreachableRepositoryIsUnavailable) {
  ManifestInput in = SampleInput();
  auto metadata = BuildManifestSubmission(in, SampleMetadataOptions());
  ManifestPublisher publisher("http://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()) + "/xds/repository");
  auto response = publisher.Publish(*metadata, *WriteKos(in.kos));
  EXPECT_EQ(response.status().code(), Status::Code::kUnavailable);
}

TEST(StudyManifestTest, ManifestOfAStudyInARealPacs) {
  xds::testing::TempDir files;
  testing::DcmqrscpPacs pacs;
  ASSERT_TRUE(pacs.Start().ok());
  auto study = testing::GenerateStudy(testing::MixedStudySpec(), files.path());
  ASSERT_TRUE(study.ok());
  ASSERT_TRUE(testing::LoadStudy(pacs, *study).ok());
  auto client = NewDcmtkPacsClient(pacs.ClientConfig());
  auto manifest = MakeStudyManifest(*client, study->study_instance_uid, SampleKosOptions(), SampleMetadataOptions());
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  auto kos = ReadKos(manifest->kos_bytes);
  ASSERT_TRUE(kos.ok());
  EXPECT_EQ(kos->study.patient_id, "LOC-4711");
  EXPECT_EQ(kos->request_accession_number, "ACC-0001");
  size_t referenced = 0;
  for (const auto& s : kos->series) {
    for (const auto& i : s.instances) {
      const auto* g = study->Find(i.sop_instance_uid);
      ASSERT_NE(g, nullptr);
      EXPECT_EQ(i.sop_class_uid, g->sop_class_uid);  // learnt from the headers
      ++referenced;
    }
  }
  EXPECT_EQ(referenced, study->InstanceCount());
  const auto* de = Find(manifest->submission, ihe::XdsObjectType::kDocumentEntry);
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(ihe::PatientIdOf(*de), "LOC-4711^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  std::vector<std::string> events;
  for (const auto& c : ihe::CodesOf(*de, vocab::kDeEventCode)) events.push_back(c.code);
  std::sort(events.begin(), events.end());  // series order is the PACS's
  EXPECT_EQ(events, (std::vector<std::string>{"51185008", "CR", "CT", "MR"}));
}

}  // namespace
}  // namespace xds::imaging
