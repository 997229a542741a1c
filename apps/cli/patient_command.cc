// `xds patient add`: registers a patient with the registry the way a
// hospital's ADT system does, an HL7 v2 ADT^A04 over MLLP (ITI-8, ITI TF-2a
// 3.8), and reports the registry's acknowledgement. The message and the
// MLLP exchange are the conformance suite's (conformance/suite/
// patient_source.h), so the client and the suite feed patients one way.
#include <cstdio>

#include "apps/cli/commands.h"
#include "conformance/suite/patient_source.h"

namespace xds::cli {

int AddPatient(const std::string& mllp, const std::string& patient_id, const std::string& family,
               const std::string& given) {
  if (patient_id.find("^^^") == std::string::npos) {
    std::fprintf(stderr, "patient id '%s' is not a CX (id^^^&assigning-authority-OID&ISO)\n", patient_id.c_str());
    return kUsage;
  }
  auto ack = conformance::SendMllp(mllp, conformance::AdtA04(patient_id, family, given));
  if (!ack.ok()) {
    std::fprintf(stderr, "cannot reach the patient identity feed at %s: %s\n", mllp.c_str(),
                 ack.status().message().c_str());
    return kUnreachable;
  }
  std::string code = conformance::AckCode(*ack);
  if (code != "AA" && code != "CA") {
    // MSA-3 / ERR carry the reason; print the whole ACK, it is short.
    std::string text = *ack;
    for (char& c : text)
      if (c == '\r') c = '\n';
    std::fprintf(stderr, "the registry refused the patient (MSA-1 %s):\n%s\n", code.c_str(), text.c_str());
    return kRefused;
  }
  std::printf("patient %s registered\n", patient_id.c_str());
  return kOk;
}

}  // namespace xds::cli
