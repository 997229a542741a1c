// StorageScp: a DICOM Storage SCP (PS3.4 B.2) of the imaging source, on
// DCMTK's DcmSCP, accepting associations on a thread of its own. Used for
// what a PACS sends us: studies it forwards (the C-STORE receiver that
// triggers publishing) and the sub-operations of our C-MOVEs (PS3.4 C.4.2,
// the move destination).
//
// Each instance is received bit-preserving straight into a file in the
// spool folder (never parsed into memory), then handed to the callback
// before the C-STORE response goes out, so the sender learns whether we
// took it (PS3.4 B.2.3 status: Success, or A700 Out of Resources when the
// callback refused).
//
// With DICOM TLS (config.tls) the peer is authenticated before any
// association is accepted (dicom/dicom_tls.h).
//
// DCMTK's DcmSCP listens on every interface (3.6.7 has no bind address):
// keep the port behind the site firewall. TCP_NODELAY comes from InitDcmtk.
//
// Thread safety: Start/Stop from one owner thread; the callback runs on the
// SCP's thread, one instance at a time (one association at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/http/tls_settings.h"

namespace xds::imaging {

struct StorageScpConfig {
  std::string ae_title = "XDSI_SOURCE";
  int port = 0;                 // required: DCMTK cannot report an ephemeral one
  std::string spool_dir;        // received files land here first (must exist)
  uint32_t max_pdu = 65536;
  int acse_timeout_seconds = 30;
  int dimse_timeout_seconds = 60;
  // Transfer syntaxes accepted, most preferred first; empty: uncompressed,
  // then lossless compressed, then lossy (see storage_scp.cc).
  std::vector<std::string> transfer_syntaxes;
  // Set: associations are accepted over DICOM TLS only, from a peer whose
  // certificate verifies against tls->ca_file (required unless
  // tls->require_client_certificate is off); a plain or untrusted peer
  // fails its handshake and never reaches the callback.
  std::optional<http::TlsSettings> tls;
};

// One received instance. `path` is a Part 10 file in the spool folder; the
// callback owns it from then on (moves or removes it).
struct StoredInstance {
  std::string path;
  std::string calling_ae;
  std::string study_instance_uid;
  std::string series_instance_uid;
  std::string sop_class_uid;
  std::string sop_instance_uid;
  std::string transfer_syntax_uid;
  // Set when the C-STORE is a C-MOVE sub-operation (PS3.7 9.1.1.1).
  std::string move_originator_ae;
  int move_originator_message_id = -1;
};

// OK: the instance is taken (Success). Any error: the file is removed and
// the sender gets A700 (Out of Resources) for it.
using StoredCallback = std::function<Status(StoredInstance&&)>;

class StorageScp {
 public:
  // Binds the port (Unavailable when it cannot) and starts accepting.
  static Result<std::unique_ptr<StorageScp>> Start(const StorageScpConfig& config, StoredCallback on_stored);
  // Stops accepting: the association in progress finishes, the thread ends
  // within about a second.
  ~StorageScp();

  const StorageScpConfig& config() const;

 private:
  StorageScp();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xds::imaging
