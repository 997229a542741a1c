// NodeMain: the one main() of every server executable. It reads the
// configuration file and runs the chosen actors on one HTTP server:
//   xds-node              every actor whose section the file has (the
//                         registry also when it has none)
//   xds-registry          the Document Registry alone
//   xds-repository        the Document Repository alone (its registry is
//                         then remote: repository.registry_url)
//   xds-imaging-source    the Imaging Document Source alone
// Subcommands: add-patient (registry), publish-study (imaging source).
// When a repository and a registry run in one process, the repository
// registers with it in-process unless repository.registry_url names
// another. This file is the composition root: the only place the actors
// meet.
#pragma once

namespace xds::app {

enum class ActorChoice { kFromConfig, kRegistryOnly, kRepositoryOnly, kImagingSourceOnly };

int NodeMain(int argc, char** argv, const char* description, ActorChoice choice);

}  // namespace xds::app
