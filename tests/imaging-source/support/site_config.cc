#include "tests/imaging-source/support/site_config.h"

namespace xds::imaging::testing {

Result<GeneratedStudy> StartPacsWithStudy(DcmqrscpPacs& pacs, const std::string& dir) {
  XDS_RETURN_IF_ERROR(pacs.Start());
  auto study = GenerateStudy(MixedStudySpec(), dir);
  if (!study.ok()) return study.status();
  XDS_RETURN_IF_ERROR(LoadStudy(pacs, *study));
  return study;
}

std::string SitePacsAndMetadataToml(const PacsConfig& pacs, const std::string& calling_ae,
                                    const std::string& spool_dir, const std::string& source_id,
                                    const std::string& region_patient) {
  return "[imaging_source.pacs]\nhost = \"127.0.0.1\"\nport = " + std::to_string(pacs.port) + "\n" +
         "called_ae = \"" + pacs.called_ae + "\"\ncalling_ae = \"" + calling_ae + "\"\n" +
         "spool_dir = \"" + spool_dir + "\"\n" +
         "[imaging_source.metadata]\nsource_id = \"" + source_id + "\"\n" +
         "patient_id_map = [\"SITE-A|LOC-4711=" + region_patient + "\"]\n" +
         "issuer_authorities = [\"SITE-A=1.3.6.1.4.1.21367.13.20.3000\"]\n"
         "class_code = [\"IMAGES\", \"1.3.6.1.4.1.19376.1.2.6.1\", \"Images\"]\n"
         "type_code = [\"18748-4\", \"2.16.840.1.113883.6.1\", \"Diagnostic imaging study\"]\n"
         "confidentiality_code = [\"N\", \"2.16.840.1.113883.5.25\", \"Normal\"]\n"
         "healthcare_facility_type_code = [\"HOSP\", \"2.16.840.1.113883.5.11\", \"Hospital\"]\n"
         "practice_setting_code = [\"RAD\", \"1.3.6.1.4.1.21367.100.2\", \"Radiology\"]\n"
         "content_type_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.3\", \"Imaging\"]\n";
}

}  // namespace xds::imaging::testing
