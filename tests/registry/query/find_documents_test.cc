// FindDocuments and FindDocumentsByReferenceId against a real store:
// every parameter, AND/OR of repeated slots, time bounds, LIKE authors,
// merged patients, return types (ITI TF-2: 3.18.4.1.2.3.7.1 and .14).
#include <gtest/gtest.h>

#include "tests/registry/query/query_fixture.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry::testing {
namespace {

using Set = std::set<std::string>;

class FindDocumentsTest : public StoredQueryTest {
 protected:
  void SetUp() override {
    StoredQueryTest::SetUp();
    DocSpec d1;
    d1.class_code = Code("A");
    d1.type_code = Code("T1");
    d1.practice_setting_code = Code("PS1");
    d1.healthcare_facility_type_code = Code("F1");
    d1.format_code = Code("FMT1");
    d1.event_codes = {Code("E1"), Code("E2")};
    d1.confidentiality_codes = {Code("N")};
    d1.creation_time = "20240102030405";
    d1.service_start_time = "20240101";
    d1.service_stop_time = "20240103";
    d1.authors = {"^Smith^John^^^Dr", "^Other^Ann"};
    doc1_ = AddDocument(d1);

    DocSpec d2;
    d2.class_code = Code("B");
    d2.type_code = Code("T2");
    d2.practice_setting_code = Code("PS2");
    d2.healthcare_facility_type_code = Code("F2");
    d2.format_code = Code("FMT2");
    d2.event_codes = {Code("E2")};
    d2.confidentiality_codes = {Code("N"), Code("R")};
    d2.creation_time = "2023";
    d2.service_start_time = "20230601";
    d2.service_stop_time = "20230701";
    d2.authors = {"^Doe\\S\\Jane"};  // an HL7 escape inside the value
    doc2_ = AddDocument(d2);

    DocSpec d3;  // deprecated
    d3.class_code = Code("A");
    d3.creation_time = "20240105";
    doc3_ = AddDocument(d3);
    Deprecate(doc3_);

    DocSpec d4;  // On-Demand: no creationTime
    d4.on_demand = true;
    d4.class_code = Code("A");
    d4.service_start_time = "20240101";
    doc4_ = AddDocument(d4);

    DocSpec d5;  // no service times at all
    d5.class_code = Code("C");
    d5.creation_time = "20240110120000";
    doc5_ = AddDocument(d5);

    DocSpec other;  // another patient
    other.patient = kPatient2;
    other.class_code = Code("A");
    other.creation_time = "20240102";
    other_ = AddDocument(other);
  }

  Query Find(std::string return_type = "ObjectRef") {
    Query q(kFindDocuments, std::move(return_type));
    q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kApprovedList);
    return q;
  }

  Set FindIds(Query q) {
    QueryOutcome out = Run(q);
    EXPECT_TRUE(out.errors.empty()) << (out.errors.empty() ? "" : out.errors[0].code_context);
    return Ids(out);
  }

  std::string doc1_, doc2_, doc3_, doc4_, doc5_, other_;
};

TEST_F(FindDocumentsTest, PatientAndApprovedReturnsStableApprovedEntriesOfThatPatient) {
  EXPECT_EQ(FindIds(Find()), (Set{doc1_, doc2_, doc5_}));
}

TEST_F(FindDocumentsTest, UnquotedPatientIdIsAccepted) {
  Query q(kFindDocuments);
  q.P("$XDSDocumentEntryPatientId", kPatient1).P("$XDSDocumentEntryStatus", kApprovedList);
  EXPECT_EQ(FindIds(q), (Set{doc1_, doc2_, doc5_}));
}

TEST_F(FindDocumentsTest, StatusSelectsDeprecatedAndBoth) {
  Query deprecated(kFindDocuments);
  deprecated.P("$XDSDocumentEntryPatientId", Quoted(kPatient1))
      .P("$XDSDocumentEntryStatus", kDeprecatedList);
  EXPECT_EQ(FindIds(deprecated), (Set{doc3_}));
  Query both(kFindDocuments);
  both.P("$XDSDocumentEntryPatientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kBothStatusList);
  EXPECT_EQ(FindIds(both), (Set{doc1_, doc2_, doc3_, doc5_}));
}

TEST_F(FindDocumentsTest, UnknownStatusValuesAreIgnored) {
  Query q(kFindDocuments);
  q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1))
      .P("$XDSDocumentEntryStatus",
         "('urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted',"
         "'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')");
  EXPECT_EQ(FindIds(q), (Set{doc1_, doc2_, doc5_}));
}

TEST_F(FindDocumentsTest, EntryTypeOnDemandAndBoth) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryType", "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')")),
            (Set{doc4_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryType",
                             "('urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',"
                             "'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')")),
            (Set{doc1_, doc2_, doc4_, doc5_}));
}

TEST_F(FindDocumentsTest, ClassCodeValuesAreOred) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryClassCode", "('A^^1.2.3.77')")), (Set{doc1_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryClassCode", "('A^^1.2.3.77','B^^1.2.3.77')")),
            (Set{doc1_, doc2_}));
}

TEST_F(FindDocumentsTest, CodeWithAnotherSchemeOrNeverRegisteredMatchesNothing) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryClassCode", "('A^^9.9.9')")), Set{});
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryClassCode", "('nope^^1.2.3.77')")), Set{});
  // An unknown value next to a known one does not spoil the OR.
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryClassCode", "('nope^^1.2.3.77','B^^1.2.3.77')")),
            (Set{doc2_}));
}

TEST_F(FindDocumentsTest, EachSingleValuedCodeParameter) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryTypeCode", "('T2^^1.2.3.77')")), (Set{doc2_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryPracticeSettingCode", "('PS1^^1.2.3.77')")),
            (Set{doc1_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryHealthcareFacilityTypeCode", "('F2^^1.2.3.77')")),
            (Set{doc2_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryFormatCode", "('FMT1^^1.2.3.77')")), (Set{doc1_}));
}

TEST_F(FindDocumentsTest, ParametersAreAnded) {
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSDocumentEntryClassCode", "('A^^1.2.3.77','B^^1.2.3.77')")
                        .P("$XDSDocumentEntryFormatCode", "('FMT2^^1.2.3.77')")),
            (Set{doc2_}));
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSDocumentEntryClassCode", "('A^^1.2.3.77')")
                        .P("$XDSDocumentEntryFormatCode", "('FMT2^^1.2.3.77')")),
            Set{});
}

TEST_F(FindDocumentsTest, EventCodeListOneSlotIsOr) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryEventCodeList", "('E1^^1.2.3.77','E9^^1.2.3.77')")),
            (Set{doc1_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryEventCodeList", "('E2^^1.2.3.77')")),
            (Set{doc1_, doc2_}));
}

TEST_F(FindDocumentsTest, EventCodeListRepeatedSlotsAreAnded) {
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSDocumentEntryEventCodeList", "('E2^^1.2.3.77')")
                        .P("$XDSDocumentEntryEventCodeList", "('E1^^1.2.3.77')")),
            (Set{doc1_}));
  // (E1 OR E2) AND E2
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSDocumentEntryEventCodeList", "('E1^^1.2.3.77','E2^^1.2.3.77')")
                        .P("$XDSDocumentEntryEventCodeList", "('E2^^1.2.3.77')")),
            (Set{doc1_, doc2_}));
  // A Slot whose only code was never registered: nothing has it.
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSDocumentEntryEventCodeList", "('E2^^1.2.3.77')")
                        .P("$XDSDocumentEntryEventCodeList", "('E9^^1.2.3.77')")),
            Set{});
}

TEST_F(FindDocumentsTest, ConfidentialityCodeAndOr) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryConfidentialityCode", "('N^^1.2.3.77')")),
            (Set{doc1_, doc2_}));
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSDocumentEntryConfidentialityCode", "('N^^1.2.3.77')")
                        .P("$XDSDocumentEntryConfidentialityCode", "('R^^1.2.3.77')")),
            (Set{doc2_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryConfidentialityCode", "('R^^1.2.3.77','N^^1.2.3.77')")),
            (Set{doc1_, doc2_}));
}

TEST_F(FindDocumentsTest, CreationTimeFromIsInclusive) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeFrom", "20240102030405")),
            (Set{doc1_, doc5_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeFrom", "20240102030406")), (Set{doc5_}));
}

TEST_F(FindDocumentsTest, CreationTimeToIsExclusive) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeTo", "20240102030405")), (Set{doc2_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeTo", "20240102030406")),
            (Set{doc1_, doc2_}));
}

TEST_F(FindDocumentsTest, TimeBoundsOfDifferentPrecisions) {
  // Year precision: From 2024 covers all of 2024; To 2024 ends before it.
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeFrom", "2024")), (Set{doc1_, doc5_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeTo", "2024")), (Set{doc2_}));
  // doc2 was created "2023" (padded 20230000000000): From 2023 includes it.
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeFrom", "2023")
                        .P("$XDSDocumentEntryCreationTimeTo", "202401")),
            (Set{doc2_}));
  // Day precision against second precision.
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryCreationTimeFrom", "20240102")
                        .P("$XDSDocumentEntryCreationTimeTo", "20240103")),
            (Set{doc1_}));
}

TEST_F(FindDocumentsTest, EntriesWithoutServiceTimesAreNotExcluded) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryServiceStartTimeFrom", "20240101")),
            (Set{doc1_, doc5_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryServiceStartTimeTo", "20240101")),
            (Set{doc2_, doc5_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryServiceStopTimeFrom", "20230701")
                        .P("$XDSDocumentEntryServiceStopTimeTo", "20240103")),
            (Set{doc2_, doc5_}));
}

TEST_F(FindDocumentsTest, CreationTimeIsIgnoredForOnDemandEntries) {
  Query q = Find();
  q.P("$XDSDocumentEntryType",
      "('urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1','urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')")
      .P("$XDSDocumentEntryCreationTimeFrom", "2030")
      .P("$XDSDocumentEntryCreationTimeTo", "2031");
  EXPECT_EQ(FindIds(q), (Set{doc4_}));
}

TEST_F(FindDocumentsTest, AuthorPersonLikeWildcards) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('%Smith%')")), (Set{doc1_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('^Sm_th^John^^^Dr')")), (Set{doc1_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('^Sm_th')")), Set{});
  // Any author of the entry may match.
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('^Other^%')")), (Set{doc1_}));
  // Several values are OR-ed.
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('%Smith%','%Jane')")),
            (Set{doc1_, doc2_}));
}

TEST_F(FindDocumentsTest, AuthorPersonBackslashIsLiteral) {
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('^Doe\\S\\Jane')")), (Set{doc2_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('%\\S\\%')")), (Set{doc2_}));
  EXPECT_EQ(FindIds(Find().P("$XDSDocumentEntryAuthorPerson", "('^DoeS%')")), Set{});
}

TEST_F(FindDocumentsTest, LeafClassCarriesStatusAndCurrentPatient) {
  QueryOutcome out = Run(Find("LeafClass").P("$XDSDocumentEntryClassCode", "('A^^1.2.3.77')"));
  ASSERT_TRUE(out.errors.empty());
  ASSERT_EQ(out.objects.size(), 1u);
  const ihe::RegistryObject& o = out.objects[0];
  EXPECT_TRUE(out.object_refs.empty());
  EXPECT_EQ(o.id, doc1_);
  EXPECT_EQ(o.status, vocab::kApproved);
  EXPECT_EQ(ihe::PatientIdOf(o), kPatient1);
  EXPECT_EQ(ihe::CodesOf(o, vocab::kDeClassCode).at(0).code, "A");
}

TEST_F(FindDocumentsTest, LeafClassShowsDeprecatedStatus) {
  Query q(kFindDocuments, "LeafClass");
  q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kDeprecatedList);
  QueryOutcome out = Run(q);
  ASSERT_EQ(out.objects.size(), 1u);
  EXPECT_EQ(out.objects[0].status, vocab::kDeprecated);
}

TEST_F(FindDocumentsTest, UnknownPatientIsEmptySuccessByDefault) {
  Query q(kFindDocuments);
  q.P("$XDSDocumentEntryPatientId", "'NOBODY^^^&1.2.3.4&ISO'").P("$XDSDocumentEntryStatus", kApprovedList);
  QueryOutcome out = Run(q);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_TRUE(out.object_refs.empty());
}

TEST_F(FindDocumentsTest, UnknownPatientIsAnErrorUnderThatPolicy) {
  options_.unknown_patient_is_error = true;
  Query q(kFindDocuments);
  q.P("$XDSDocumentEntryPatientId", "'NOBODY^^^&1.2.3.4&ISO'").P("$XDSDocumentEntryStatus", kApprovedList);
  QueryOutcome out = Run(q);
  EXPECT_EQ(ErrorCodes(out), std::vector<std::string>{"XDSUnknownPatientId"});
  EXPECT_NE(out.errors[0].code_context.find("$XDSDocumentEntryPatientId"), std::string::npos);
}

TEST_F(FindDocumentsTest, SurvivingPatientFindsMergedEntriesUnderItsOwnId) {
  DocSpec d;
  d.patient = kPatient3;
  d.class_code = Code("M");
  std::string merged = AddDocument(d);
  Merge(kPatient1, kPatient3);

  QueryOutcome out = Run(Find("LeafClass").P("$XDSDocumentEntryClassCode", "('M^^1.2.3.77')"));
  ASSERT_TRUE(out.errors.empty());
  ASSERT_EQ(out.objects.size(), 1u);
  EXPECT_EQ(out.objects[0].id, merged);
  EXPECT_EQ(ihe::PatientIdOf(out.objects[0]), kPatient1);
  EXPECT_EQ(FindIds(Find()), (Set{doc1_, doc2_, doc5_, merged}));
}

TEST_F(FindDocumentsTest, MergedAwayPatientFindsNothing) {
  DocSpec d;
  d.patient = kPatient3;
  AddDocument(d);
  Merge(kPatient1, kPatient3);
  Query q(kFindDocuments);
  q.P("$XDSDocumentEntryPatientId", Quoted(kPatient3)).P("$XDSDocumentEntryStatus", kApprovedList);
  QueryOutcome out = Run(q);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_TRUE(out.object_refs.empty());

  options_.unknown_patient_is_error = true;
  out = Run(q);
  EXPECT_EQ(ErrorCodes(out), std::vector<std::string>{"XDSUnknownPatientId"});
  EXPECT_NE(out.errors[0].code_context.find("merged into"), std::string::npos);
}

TEST_F(FindDocumentsTest, TooManyResultsAppliesToLeafClassOnly) {
  options_.max_leaf_class_results = 2;
  QueryOutcome leaf = Run(Find("LeafClass"));
  EXPECT_EQ(ErrorCodes(leaf), std::vector<std::string>{"XDSTooManyResults"});
  EXPECT_TRUE(leaf.objects.empty());
  QueryOutcome refs = Run(Find("ObjectRef"));
  EXPECT_TRUE(refs.errors.empty());
  EXPECT_EQ(refs.object_refs.size(), 3u);
  options_.max_leaf_class_results = 3;
  EXPECT_EQ(Run(Find("LeafClass")).objects.size(), 3u);
}

class FindDocumentsByReferenceIdTest : public StoredQueryTest {};

TEST_F(FindDocumentsByReferenceIdTest, ExactMatchAndOrAcrossSlots) {
  DocSpec a;
  a.reference_ids = {"2013001^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession",
                     "ORD-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order"};
  std::string doc_a = AddDocument(a);
  DocSpec b;
  b.reference_ids = {"ORD-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order"};
  b.class_code = Code("B");
  std::string doc_b = AddDocument(b);
  AddDocument(DocSpec{});  // no reference ids

  auto run = [&](std::vector<std::string> slots, std::string extra_class = {}) {
    Query q(kFindDocumentsByReferenceId);
    q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kApprovedList);
    for (auto& s : slots) q.P("$XDSDocumentEntryReferenceIdList", s);
    if (!extra_class.empty()) q.P("$XDSDocumentEntryClassCode", extra_class);
    QueryOutcome out = Run(q);
    EXPECT_TRUE(out.errors.empty());
    return Ids(out);
  };
  EXPECT_EQ(run({"('ORD-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order')"}), (Set{doc_a, doc_b}));
  EXPECT_EQ(run({"('2013001^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession')"}), (Set{doc_a}));
  EXPECT_EQ(run({"('ORD-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order')",
                 "('2013001^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession')"}),
            (Set{doc_a}));
  EXPECT_EQ(run({"('ORD-%')"}), Set{});  // exact match, no wildcards
  // Other FindDocuments parameters still apply.
  EXPECT_EQ(run({"('ORD-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order')"}, "('B^^1.2.3.77')"),
            (Set{doc_b}));
}

TEST_F(FindDocumentsByReferenceIdTest, ReferenceIdListIsRequired) {
  Query q(kFindDocumentsByReferenceId);
  q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kApprovedList);
  QueryOutcome out = Run(q);
  EXPECT_EQ(ErrorCodes(out), std::vector<std::string>{"XDSStoredQueryMissingParam"});
  EXPECT_NE(out.errors[0].code_context.find("$XDSDocumentEntryReferenceIdList"), std::string::npos);
}

}  // namespace
}  // namespace xds::registry::testing
