#include "bench/bench_data.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "tests/support/registry_calls.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/stored_queries.h"

namespace xds::bench {
namespace {

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr uint64_t kUuidSalt = 0x5844532d55554944ULL;
constexpr uint64_t kEntrySalt = 0x5844532d454e5452ULL;
constexpr uint64_t kPatientSalt = 0x5844532d50415449ULL;

struct Weighted {
  const char* code;
  int weight;
};

template <size_t N>
const char* Pick(Rng& rng, const std::array<Weighted, N>& set) {
  int total = 0;
  for (const auto& w : set) total += w.weight;
  int64_t r = rng.Uniform(total);
  for (const auto& w : set) {
    if (r < w.weight) return w.code;
    r -= w.weight;
  }
  return set[0].code;
}

// Small code sets as a regional platform sees them (mostly imaging reports).
constexpr std::array<Weighted, 6> kClassCodes{{{"REPORTS", 45}, {"IMAGES", 25}, {"LABORATORY", 12},
                                               {"SUMMARY", 8}, {"PRESCRIPTIONS", 6}, {"CONSENT", 4}}};
constexpr std::array<Weighted, 7> kTypeCodes{{{"18748-4", 40}, {"68604-8", 15}, {"11502-2", 12},
                                              {"34133-9", 10}, {"11488-4", 10}, {"18842-5", 8},
                                              {"57833-6", 5}}};
constexpr std::array<Weighted, 6> kFormatCodes{
    {{"urn:ihe:rad:TEXT", 20}, {"urn:ihe:rad:PDF", 30},
     {"urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013", 20}, {"urn:ihe:pcc:xds-ms:2007", 10},
     {"urn:ihe:lab:xd-lab:2008", 12}, {"urn:ihe:iti:xds-sd:pdf:2008", 8}}};
constexpr std::array<Weighted, 6> kPracticeCodes{{{"394914008", 45}, {"394595002", 12}, {"394579002", 12},
                                                  {"394802001", 15}, {"394585009", 8}, {"394537008", 8}}};
constexpr std::array<Weighted, 5> kFacilityCodes{
    {{"RADDX", 40}, {"HOSP", 30}, {"GACH", 15}, {"PC", 10}, {"OUTPHARM", 5}}};
constexpr std::array<Weighted, 9> kEventCodes{{{"CT", 25}, {"MR", 18}, {"US", 15}, {"CR", 14}, {"DX", 10},
                                               {"MG", 8}, {"NM", 4}, {"PT", 3}, {"XA", 3}}};
constexpr std::array<Weighted, 3> kConfidentialityCodes{{{"N", 85}, {"R", 12}, {"V", 3}}};
constexpr std::array<Weighted, 3> kMimeTypes{{{"application/pdf", 50}, {"text/xml", 35}, {"text/plain", 15}}};

constexpr std::array<const char*, 24> kFamilies{
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS",
    "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID",
    "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE"};
constexpr std::array<const char*, 12> kGivens{"Jean", "Marie", "Pierre", "Claire", "Luc", "Anne",
                                              "Paul", "Sophie", "Marc", "Julie", "Louis", "Emma"};

// The five years the load spreads over: 2021-01-01 .. 2025-12-31.
constexpr int64_t kSpanDays = 365 * 5 + 1;
const std::chrono::sys_days kFirstDay{std::chrono::year{2021} / 1 / 1};

// Every field unsigned and bounded (the year modulo 10000) so that the
// compiler can see the 14 digits fit: with signed fields and a chrono year
// of up to 5 digits, -Wformat-truncation counts up to 20 characters.
// Callers pass seconds >= 0 (within the five years).
std::string Dtm(int64_t seconds_since_first_day) {
  const uint64_t t = static_cast<uint64_t>(std::max<int64_t>(seconds_since_first_day, 0));
  auto day = kFirstDay + std::chrono::days{static_cast<int64_t>(t / 86400)};
  std::chrono::year_month_day ymd{day};
  const unsigned s = static_cast<unsigned>(t % 86400);
  char buf[20];
  std::snprintf(buf, sizeof buf, "%04u%02u%02u%02u%02u%02u",
                static_cast<unsigned>(static_cast<int>(ymd.year())) % 10000, static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), s / 3600, s / 60 % 60, s % 60);
  return buf;
}

std::string Hex(uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(digits, '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[i] = kHex[v & 15];
  return out;
}

std::string Coded(const std::string& code, const char* scheme) { return code + "^^" + scheme; }

testing::DocumentOptions EntryOptions(int64_t entry) {
  Rng rng(Mix(static_cast<uint64_t>(entry) ^ kEntrySalt));
  testing::DocumentOptions o;
  o.mime_type = Pick(rng, kMimeTypes);
  o.class_code = Pick(rng, kClassCodes);
  o.type_code = Pick(rng, kTypeCodes);
  o.format_code = Pick(rng, kFormatCodes);
  o.practice_setting_code = Pick(rng, kPracticeCodes);
  o.facility_type_code = Pick(rng, kFacilityCodes);
  o.event_codes.clear();
  int events = 1 + static_cast<int>(rng.Uniform(3));
  for (int i = 0; i < events; ++i) {
    std::string e = Pick(rng, kEventCodes);
    bool seen = false;
    for (const auto& x : o.event_codes) seen |= x == e;
    if (!seen) o.event_codes.push_back(e);
  }
  o.confidentiality_codes = {Pick(rng, kConfidentialityCodes)};
  o.author_person = std::string("^") + kFamilies[rng.Uniform(kFamilies.size())] + "^" +
                    kGivens[rng.Uniform(kGivens.size())] + "^^^Dr";
  int64_t created = rng.Uniform(kSpanDays * 86400);
  int64_t start = created - rng.Uniform(14 * 86400);
  if (start < 0) start = 0;
  o.creation_time = Dtm(created);
  o.service_start_time = Dtm(start);
  o.service_stop_time = Dtm(start + 300 + rng.Uniform(85 * 60));
  o.hash = Hex(rng.Next(), 16) + Hex(rng.Next(), 16) + Hex(rng.Next(), 8);
  o.size = std::to_string(2000 + rng.Uniform(4000000));
  if (rng.Chance(0.2))
    o.reference_ids = {"ACC" + std::to_string(1000000 + entry) +
                       "^^^&1.2.250.1.999.1.5&ISO^urn:ihe:iti:xds:2013:accession"};
  return o;
}

std::string QueryBody(const ihe::AdhocQueryRequest& request) {
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, request);
  return w.Take();
}

}  // namespace

uint64_t Rng::Next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return Mix(state_);
}

std::string PatientId(int64_t index) {
  return "BENCH-" + std::to_string(index) + "^^^&" + kBenchDomain + "&ISO";
}

std::string EntryUuid(int64_t index) {
  uint64_t a = Mix(static_cast<uint64_t>(index) * 2 + 1 + kUuidSalt);
  uint64_t b = Mix(static_cast<uint64_t>(index) * 2 + 2 + kUuidSalt);
  return "urn:uuid:" + Hex(a >> 32, 8) + "-" + Hex((a >> 16) & 0xffff, 4) + "-" +
         Hex(0x4000 | (a & 0x0fff), 4) + "-" + Hex(0x8000 | ((b >> 48) & 0x3fff), 4) + "-" +
         Hex(b & 0xffffffffffffULL, 12);
}

int64_t PatientOf(int64_t submission, const LoadShape& shape) {
  return static_cast<int64_t>(Mix(static_cast<uint64_t>(submission) ^ kPatientSalt) %
                              static_cast<uint64_t>(shape.patients));
}

testing::SubmissionBuilder BuildSubmission(int64_t submission, const LoadShape& shape) {
  testing::SubmissionBuilder b(PatientId(PatientOf(submission, shape)));
  int64_t first = submission * shape.entries_per_submission;
  int64_t end = std::min(first + shape.entries_per_submission, shape.entries);
  for (int64_t e = first; e < end; ++e) b.AddDocument(EntryUuid(e), EntryOptions(e));
  return b;
}

std::string FindDocumentsBody(Rng& rng, int64_t patients) {
  std::vector<std::pair<std::string, std::string>> extra;
  extra.push_back({"$XDSDocumentEntryClassCode",
                   "('" + Coded(Pick(rng, kClassCodes), testing::kClassScheme) + "')"});
  int64_t from = rng.Uniform(kSpanDays - 365) * 86400;
  extra.push_back({"$XDSDocumentEntryCreationTimeFrom", Dtm(from).substr(0, 8)});
  extra.push_back({"$XDSDocumentEntryCreationTimeTo", Dtm(from + 365 * 86400).substr(0, 8)});
  if (rng.Chance(0.3))
    extra.push_back({"$XDSDocumentEntryEventCodeList",
                     "('" + Coded(Pick(rng, kEventCodes), testing::kDicomScheme) + "')"});
  return QueryBody(testing::FindDocuments(PatientId(rng.Uniform(patients)), extra));
}

std::vector<std::vector<int32_t>> EntriesByPatient(const LoadShape& shape) {
  std::vector<std::vector<int32_t>> out(static_cast<size_t>(shape.patients));
  for (int64_t e = 0; e < shape.entries; ++e)
    out[static_cast<size_t>(PatientOf(e / shape.entries_per_submission, shape))].push_back(static_cast<int32_t>(e));
  return out;
}

std::string GetDocumentsBody(Rng& rng, const LoadShape& shape,
                             const std::vector<std::vector<int32_t>>& by_patient) {
  const int64_t first = rng.Uniform(shape.entries);
  const auto& mine = by_patient[static_cast<size_t>(PatientOf(first / shape.entries_per_submission, shape))];
  const int64_t n = std::min<int64_t>(1 + rng.Uniform(5), static_cast<int64_t>(mine.size()));
  std::vector<int64_t> picked{first};
  for (int64_t tries = 0; static_cast<int64_t>(picked.size()) < n && tries < 20; ++tries) {
    int64_t e = mine[static_cast<size_t>(rng.Uniform(static_cast<int64_t>(mine.size())))];
    if (std::find(picked.begin(), picked.end(), e) == picked.end()) picked.push_back(e);
  }
  std::string list = "(";
  for (size_t i = 0; i < picked.size(); ++i) list += (i ? ",'" : "'") + EntryUuid(picked[i]) + "'";
  list += ")";
  return QueryBody(testing::StoredQuery(ihe::query_id::kGetDocuments,
                                        {{"$XDSDocumentEntryEntryUUID", list}}));
}

registry::PatientRecord BenchPatient(int64_t index) {
  Rng rng(Mix(static_cast<uint64_t>(index) ^ kPatientSalt));
  const int64_t year = 1930 + rng.Uniform(90), month = 1 + rng.Uniform(12), day = 1 + rng.Uniform(28);
  const std::string birth = std::to_string(year * 10000 + month * 100 + day);  // YYYYMMDD
  std::string family = kFamilies[rng.Uniform(kFamilies.size())];
  std::string given = kGivens[rng.Uniform(kGivens.size())];
  return {PatientId(index), family, given, birth, rng.Chance(0.5) ? "F" : "M"};
}

std::string AdtA01(int64_t patient_index) {
  registry::PatientRecord p = BenchPatient(patient_index);
  std::string id = "BENCH-" + std::to_string(patient_index);
  return "MSH|^~\\&|PAS|HOSP|XDS_REGISTRY|REGION|20260101010101||ADT^A01^ADT_A01|BENCH" + id +
         "|P|2.5\rEVN|A01|20260101010101\rPID|||" + id + "^^^HOSP&" + kBenchDomain + "&ISO||" +
         p.family_name + "^" + p.given_name + "||" + p.birth_date + "|" + p.sex + "\r";
}

}  // namespace xds::bench
