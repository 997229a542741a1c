#include "imaging-source/dicom/dicom_tls.h"

#include <mutex>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "dcmtk/dcmnet/cond.h"

namespace xds::imaging::internal {
namespace {

Status Check(const OFCondition& cond, const std::string& what) {
  if (cond.good()) return Status::Ok();
  return Status::InvalidArgument("DICOM TLS: " + what + ": " + cond.text());
}

}  // namespace

Result<std::unique_ptr<DcmTLSTransportLayer>> MakeDicomTlsLayer(const http::TlsSettings& settings,
                                                                T_ASC_NetworkRole role) {
  // OpenSSL's global set-up once per process; each layer then skips it.
  static std::once_flag once;
  std::call_once(once, [] { DcmTLSTransportLayer::initializeOpenSSL(); });
  if (settings.ca_file.empty() || settings.certificate_file.empty() || settings.private_key_file.empty())
    return Status::InvalidArgument("DICOM TLS needs ca_file, certificate_file and private_key_file");
  auto layer = std::make_unique<DcmTLSTransportLayer>(role, nullptr, OFFalse);
  if (!*layer) return Status::Internal("DICOM TLS: cannot create an OpenSSL context");
  // BCP 195 non-downgrading (PS3.15 B.11): TLS 1.2 with the four AEAD
  // suites, or TLS 1.3; never an older version.
  XDS_RETURN_IF_ERROR(Check(layer->setTLSProfile(TSP_Profile_BCP195_ND), "profile"));
  XDS_RETURN_IF_ERROR(Check(layer->activateCipherSuites(), "cipher suites"));
  XDS_RETURN_IF_ERROR(Check(layer->addTrustedCertificateFile(settings.ca_file.c_str(), DCF_Filetype_PEM),
                            "ca_file '" + settings.ca_file + "'"));
  XDS_RETURN_IF_ERROR(Check(layer->setPrivateKeyFile(settings.private_key_file.c_str(), DCF_Filetype_PEM),
                            "private_key_file '" + settings.private_key_file + "'"));
  // Not setCertificateFile(): DCMTK 3.6.7 leaks the certificate's public
  // key there (an EVP_PKEY per call, found by LeakSanitizer), and a layer
  // is made per association. OpenSSL loads the chain into the layer's own
  // context instead, the one thing done here without DCMTK.
  if (SSL_CTX_use_certificate_chain_file(layer->getNativeHandle(), settings.certificate_file.c_str()) != 1) {
    ERR_clear_error();
    return Status::InvalidArgument("DICOM TLS: certificate_file '" + settings.certificate_file +
                                   "' cannot be loaded (PEM certificate chain expected)");
  }
  if (SSL_CTX_check_private_key(layer->getNativeHandle()) != 1) {
    ERR_clear_error();
    return Status::InvalidArgument("DICOM TLS: private_key_file '" + settings.private_key_file +
                                   "' does not match certificate_file '" + settings.certificate_file + "'");
  }
  const bool require = role == NET_REQUESTOR || settings.require_client_certificate;
  layer->setCertificateVerification(require ? DCV_requireCertificate : DCV_checkCertificate);
  return layer;
}

std::string DescribeTlsCondition(const OFCondition& cond) {
  // DCMTK reports a failed handshake as "TLS error: <OpenSSL's reason>"
  // (dcmnet's DULC_TLSERROR, or dcmtls's own conditions).
  std::string text = cond.text();
  if ((cond.module() == OFM_dcmnet && cond.code() == DULC_TLSERROR) || text.find("TLS") != std::string::npos)
    return "TLS handshake failed: " + text;
  return text;
}

}  // namespace xds::imaging::internal
