// Sealing between structures, patient consent and sharing rules (issue 7),
// as consumers see it through ITI-18: a registry behind mutual TLS with
// sealing on, each structure asking with its own certificate (and, where
// said, a signed XUA assertion). The matrix: what each structure (owner,
// granted, not granted, unknown) sees of each patient's documents under
// each consent, and that nothing hidden leaks through GetAssociations,
// GetSubmissionSetAndContents, GetFolderAndContents, FindFolders,
// GetRelatedDocuments or GetDocuments by uuid. Fixture: sealing_fixture.h.
#include "tests/security/sealing_fixture.h"

namespace xds::testing {
namespace {

TEST_F(SealingTest, EachStructureSeesOnlyItsOwnDocumentsWithoutSharingRules) {
  EXPECT_EQ(Titles("chu", kPatientA), (Names{"ReportA", "ImagesA", "ConsentA", "AddendumA"}));
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ClinicA"}));
  EXPECT_TRUE(Titles("home", kPatientA).empty());
  EXPECT_TRUE(Titles("clinic", kPatientB).empty());
  // A certificate the region trusts but no structure claims proves nothing.
  EXPECT_TRUE(Titles("stranger", kPatientA).empty());
  EXPECT_TRUE(Titles("stranger", kPatientC).empty());
}

TEST_F(SealingTest, SharingRuleGrantsItsClassToItsGranteeOnlyAndConsentComesFirst) {
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic()), 201);
  // Patient A opted in: the clinic sees CHU's report, not its images (class
  // not granted) nor the addendum (IMAGES) nor the consent (CONSENT).
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ReportA", "ClinicA"}));
  // Patient B opted out and patient C gave no consent (opt-out by default):
  // the rule does not apply.
  EXPECT_TRUE(Titles("clinic", kPatientB).empty());
  EXPECT_TRUE(Titles("clinic", kPatientC).empty());
  // The rule names the clinic, not the nursing home.
  EXPECT_TRUE(Titles("home", kPatientA).empty());
  // The owner still sees everything of its own.
  EXPECT_EQ(Titles("chu", kPatientB), (Names{"ReportB", "ConsentB"}));
}

TEST_F(SealingTest, TheUsersOrganizationAndPurposeOfUseComeFromTheAssertion) {
  PemFiles idp_ca = pki_.MakeCa("idp");
  idp_ = pki_.Issue("idp", "idp.region.test");
  PemFiles server = pki_.Issue("region", "registry4.region.test", {"IP:127.0.0.1"});
  node_ = std::make_unique<RegistryNode>(NodeToml(
      server, /*sealing=*/true,
      "[xua]\nrequired = false\naudience = \"" + AssertionSpec().audience +
          "\"\ntrusted_issuer_certificates = [\"" + idp_ca.certificate + "\"]\n"));
  RegisterFixtures();
  access::SharingRule rule = ChuSharesReportsWithClinic();
  rule.purposes_of_use = {"TREATMENT"};
  ASSERT_EQ(PostRule("admin", rule), 201);

  const std::string clinic_org = "urn:oid:1.2.250.1.20", chu_org = "urn:oid:1.2.250.1.10";
  // For treatment, the clinic's user sees CHU's report; for research, or
  // without an assertion (no purpose at all), not.
  EXPECT_EQ(TitlesWithAssertion("clinic", kPatientA, clinic_org, "TREATMENT"), (Names{"ReportA", "ClinicA"}));
  EXPECT_EQ(TitlesWithAssertion("clinic", kPatientA, clinic_org, "HRESCH"), (Names{"ClinicA"}));
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ClinicA"}));
  // The user's organization, not the system's certificate, names the
  // structure: a CHU doctor on the nursing home's workstation sees CHU's
  // documents, and the nursing home's certificate lends nothing to a user
  // of an organization the region does not know.
  EXPECT_EQ(TitlesWithAssertion("home", kPatientA, chu_org, "TREATMENT"),
            (Names{"ReportA", "ImagesA", "ConsentA", "AddendumA"}));
  EXPECT_TRUE(TitlesWithAssertion("chu", kPatientA, "urn:oid:9.9.9", "TREATMENT").empty());
}

TEST_F(SealingTest, TheConsentInForceDecidesByItsDates) {
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic()), 201);
  auto consent = [&](const std::string& policy, const std::string& start, const std::string& stop) {
    SubmissionBuilder b(kPatientC);
    SetSourceId(b, kChuSource);
    DocumentOptions o = Consent(policy);
    o.service_start_time = start;
    o.service_stop_time = stop;
    b.AddDocument("Consent" + start, o);
    RegisterAs("chu", b);
  };
  // An opt-in that has ended does not count: patient C is still opt-out.
  consent(kOptInPolicy, "20200101", "20210101");
  EXPECT_TRUE(Titles("clinic", kPatientC).empty());
  // A later opt-in without an end: shared under the rule.
  consent(kOptInPolicy, "20220101", "");
  EXPECT_EQ(Titles("clinic", kPatientC), (Names{"ReportC"}));
  // A still later opt-out wins over it.
  consent(kOptOutPolicy, "20230101", "");
  EXPECT_TRUE(Titles("clinic", kPatientC).empty());
  // A consent that starts in the future is not yet in force.
  consent(kOptInPolicy, "20990101", "");
  EXPECT_TRUE(Titles("clinic", kPatientC).empty());
}

TEST_F(SealingTest, NothingHiddenLeaksThroughAssociationsPackagesFoldersOrRelations) {
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic()), 201);
  const std::string report = uuid_.at("ReportA"), images = uuid_.at("ImagesA");
  const std::string addendum = uuid_.at("AddendumA"), folder = uuid_.at("FolderA");

  // GetDocuments by uuid: the hidden entry is absent, as if unknown.
  auto docs = Run("clinic", StoredQuery(std::string(ihe::query_id::kGetDocuments),
                                        {{"$XDSDocumentEntryEntryUUID", "('" + report + "','" + images + "')"}}));
  EXPECT_EQ(Ids(docs), (std::set<std::string>{report}));

  // GetAssociations: the owner sees the images' HasMembers; the clinic none.
  auto owner_assocs = Run("chu", StoredQuery(std::string(ihe::query_id::kGetAssociations),
                                             {{"$uuid", "('" + images + "')"}}));
  EXPECT_FALSE(owner_assocs.objects.empty());
  auto assocs = Run("clinic", StoredQuery(std::string(ihe::query_id::kGetAssociations),
                                          {{"$uuid", "('" + images + "')"}}));
  EXPECT_TRUE(assocs.objects.empty());

  // GetSubmissionSetAndContents of CHU's first submission: the clinic gets
  // the package and the report, never the images, the consent, the folder
  // or an association that names them.
  std::string ss;
  for (const auto& a : owner_assocs.objects)
    if (a.target_object == images && a.association_type == vocab::kHasMember && a.source_object != folder)
      ss = a.source_object;
  ASSERT_FALSE(ss.empty());
  auto contents = Run("clinic", StoredQuery(std::string(ihe::query_id::kGetSubmissionSetAndContents),
                                            {{"$XDSSubmissionSetEntryUUID", "'" + ss + "'"}}));
  std::set<std::string> seen = Ids(contents);
  EXPECT_TRUE(seen.count(ss));
  EXPECT_TRUE(seen.count(report));
  for (const auto& hidden : {images, uuid_.at("ConsentA"), folder}) EXPECT_FALSE(seen.count(hidden)) << hidden;
  for (const auto& o : contents.objects)
    if (o.kind == ihe::ObjectKind::kAssociation) {
      EXPECT_TRUE(seen.count(o.source_object)) << "association names an object not shown";
      EXPECT_TRUE(seen.count(o.target_object)) << "association names an object not shown";
    }

  // The folder holds only the images: the clinic finds no folder, and its
  // contents come back empty.
  auto folders = Run("clinic", StoredQuery(std::string(ihe::query_id::kFindFolders),
                                           {{"$XDSFolderPatientId", Quoted(kPatientA)},
                                            {"$XDSFolderStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"}}));
  EXPECT_TRUE(folders.objects.empty());
  auto folder_contents = Run("clinic", StoredQuery(std::string(ihe::query_id::kGetFolderAndContents),
                                                   {{"$XDSFolderEntryUUID", "'" + folder + "'"}}));
  EXPECT_TRUE(folder_contents.objects.empty());
  auto owner_folder = Run("chu", StoredQuery(std::string(ihe::query_id::kGetFolderAndContents),
                                             {{"$XDSFolderEntryUUID", "'" + folder + "'"}}));
  EXPECT_TRUE(Ids(owner_folder).count(images));

  // GetRelatedDocuments of the report: the owner sees the addendum and its
  // APND association; the clinic neither.
  auto owner_related = Run("chu", StoredQuery(std::string(ihe::query_id::kGetRelatedDocuments),
                                              {{"$XDSDocumentEntryEntryUUID", "'" + report + "'"},
                                               {"$AssociationTypes", "('" + std::string(vocab::kApnd) + "')"}}));
  EXPECT_TRUE(Ids(owner_related).count(addendum));
  auto related = Run("clinic", StoredQuery(std::string(ihe::query_id::kGetRelatedDocuments),
                                           {{"$XDSDocumentEntryEntryUUID", "'" + report + "'"},
                                            {"$AssociationTypes", "('" + std::string(vocab::kApnd) + "')"}}));
  EXPECT_FALSE(Ids(related).count(addendum));
  for (const auto& o : related.objects) EXPECT_NE(o.kind, ihe::ObjectKind::kAssociation);
}

}  // namespace
}  // namespace xds::testing
