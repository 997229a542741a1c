// xds-imaging-source: the XDS-I.b Imaging Document Source alone (RAD-68,
// RAD-69, WADO-URI, WADO-RS), from the [imaging_source] section of a
// configuration file (see apps/node_main.h).
//
//   xds-imaging-source --config site.toml
//   xds-imaging-source --config site.toml publish-study 1.2.840....
#include "apps/node_main.h"

int main(int argc, char** argv) {
  return xds::app::NodeMain(argc, argv, "XDS-I.b Imaging Document Source", xds::app::ActorChoice::kImagingSourceOnly);
}
