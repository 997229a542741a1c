// Plain values describing what the site PACS holds and how to reach it:
// study, series and instance records from C-FIND (DICOM PS3.4 C.6.2 Study
// Root Q/R information model), instances received by C-GET/C-MOVE, and the
// PACS connection settings. No DCMTK type appears here, so the rest of the
// imaging source (service/, manifest/, the actor) never sees DCMTK.
//
// Value types: copy and move freely; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/http/tls_settings.h"

namespace xds::imaging {

// One STUDY-level C-FIND match. Empty strings are attributes the PACS did
// not return (C-FIND return keys are optional, PS3.4 C.4.1.1.3.2).
struct StudyInfo {
  std::string study_instance_uid;
  std::string patient_id;             // the department's id (0010,0020)
  std::string issuer_of_patient_id;   // (0010,0021), when the PACS returns it
  std::string patient_name;           // PN, as in DICOM ("FAMILY^GIVEN")
  std::string patient_birth_date;     // DA (YYYYMMDD)
  std::string patient_sex;            // CS (M, F, O)
  std::string study_date;             // DA
  std::string study_time;             // TM
  std::string accession_number;
  std::string study_id;
  std::string referring_physician_name;
  std::string study_description;
};

struct SeriesInfo {
  std::string series_instance_uid;
  std::string modality;
  std::string series_number;
  std::string series_description;
  std::string body_part_examined;  // often not a C-FIND key; filled from headers
};

struct InstanceInfo {
  std::string sop_instance_uid;
  std::string sop_class_uid;  // empty when the PACS does not return it (dcmqrscp)
  std::string instance_number;
};

// A study with everything under it, as the manifest needs it.
struct StudyTree {
  StudyInfo study;
  struct Series {
    SeriesInfo info;
    std::vector<InstanceInfo> instances;
  };
  std::vector<Series> series;
};

// One instance as it arrived from the PACS: a DICOM Part 10 file (PS3.10
// 7.1) whose data set is bit-for-bit what the PACS sent on the wire; only the
// File Meta Information is ours. In memory (`bytes`), or, when the request
// asked for files and the path allows it (C-GET), as the file DCMTK wrote
// while the data arrived (`file`, `bytes` empty): the callback may read it
// or move it away (rename, InstanceCache::Take); whatever is left at that
// path is removed once the callback returns.
struct RetrievedInstance {
  std::string study_instance_uid;
  std::string series_instance_uid;
  std::string sop_class_uid;
  std::string sop_instance_uid;
  std::string transfer_syntax_uid;
  std::string bytes;
  std::string file;
};

// Called once per instance, on the thread that called Retrieve, as soon as
// the instance has arrived. A non-OK return stops the retrieval (the
// association is aborted) and Retrieve returns that Status.
using InstanceCallback = std::function<Status(RetrievedInstance&&)>;

enum class QueryLevel { kStudy, kSeries, kInstance };

// What to fetch: a study, one series of it, or some instances of a series.
struct RetrieveRequest {
  QueryLevel level = QueryLevel::kStudy;
  std::string study_instance_uid;
  std::string series_instance_uid;             // kSeries, kInstance
  std::vector<std::string> sop_instance_uids;  // kInstance (UID list matching, PS3.4 C.2.2.2.2)
  // SOP classes to negotiate storage for; empty: a built-in list of the
  // common image and document classes.
  std::vector<std::string> sop_class_uids;
  // Deliver instances as files (RetrievedInstance::file) in a folder made
  // under `files_dir` (empty: PacsConfig::spool_dir) rather than in memory:
  // no copy of the data on our side. Put it on the filesystem where they
  // are to end up (InstanceCache::incoming_dir) so that they move there by
  // rename. C-MOVE delivers in memory regardless.
  bool as_files = false;
  std::string files_dir;
};

// The final C-GET/C-MOVE response counts (PS3.4 C.4.2.1.4 / C.4.3.1.4).
struct RetrieveSummary {
  int delivered = 0;  // instances handed to the callback
  int completed = 0;
  int failed = 0;
  int warning = 0;
  uint16_t final_status = 0;
};

enum class RetrieveMethod { kGet, kMove };

// How to reach the PACS ([imaging_source.pacs] in the configuration).
struct PacsConfig {
  std::string host = "127.0.0.1";
  int port = 104;
  std::string called_ae = "PACS";
  std::string calling_ae = "XDSI_SOURCE";
  int connect_timeout_seconds = 10;
  int acse_timeout_seconds = 30;
  int dimse_timeout_seconds = 60;
  uint32_t max_pdu = 65536;
  RetrieveMethod retrieve_method = RetrieveMethod::kGet;
  // C-MOVE only: our storage SCP (the PACS must know this AE title).
  std::string move_destination_ae;  // default: calling_ae
  std::string move_listen_host = "0.0.0.0";
  int move_port = 0;
  // Bit-preserving receipt goes through a per-retrieval folder here
  // (each file is removed as soon as it is handed over).
  std::string spool_dir = "/tmp";
  // DICOM TLS ([imaging_source.pacs_tls]): every association with the PACS,
  // and our Storage SCPs (move destination, forward receiver), run over TLS
  // with this node's certificate, the PACS's certificate required and
  // verified against ca_file (dicom/dicom_tls.h). Unset: plain DICOM.
  // Of TlsSettings, ciphers and verify_server_name are not used (DCMTK's
  // BCP 195 profile decides the suites).
  std::optional<http::TlsSettings> tls;

  // DICOMweb (PS3.18) at the same PACS, for a site whose PACS offers it:
  // QIDO-RS in place of the C-FINDs and/or WADO-RS in place of C-GET/C-MOVE
  // (dicomweb/dicomweb_pacs_client.h). Both off: DIMSE only, as before.
  std::string dicomweb_url;  // the service root, e.g. "http://127.0.0.1:8042/dicom-web"
  bool query_by_dicomweb = false;
  bool retrieve_by_dicomweb = false;
  // Longest wait for the next bytes of a DICOMweb answer (the connect wait
  // is connect_timeout_seconds).
  int dicomweb_timeout_seconds = 60;
  // For an https:// dicomweb_url ([imaging_source.dicomweb_tls], else the
  // node's [tls]); unset: the system's CAs, no client certificate.
  std::optional<http::TlsSettings> dicomweb_tls;
};

// Study selection for the periodic poll: StudyDate in [from, to] (DA,
// either may be empty for an open range, PS3.4 C.2.2.2.5).
struct StudyQuery {
  std::string study_instance_uid;
  std::string study_date_from;
  std::string study_date_to;
  std::string patient_id;
  std::string accession_number;
};

}  // namespace xds::imaging
