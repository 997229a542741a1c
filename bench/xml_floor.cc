// XmlParseFloor: libxml2 alone on the ITI-42 envelopes (see floor.h).
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <vector>

#include "bench/bench_stats.h"
#include "bench/floor.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/envelope.h"

namespace xds::bench {

FloorRate XmlParseFloor(const LoadShape& shape, double seconds) {
  const int64_t sample = std::min<int64_t>(1000, shape.submissions());
  std::vector<std::string> envelopes;
  for (int64_t s = 0; s < sample; ++s)
    envelopes.push_back(soap::WriteRequestEnvelope(vocab::kActionRegister, "http://127.0.0.1:8080/xds/registry",
                                                   NewUrnUuid(), BuildSubmission(s, shape).BuildXml()));
  xmlInitParser();
  // As wire/xml/xml_document.cc: NONET, no DTD loading, no entity substitution.
  const int options =
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  FloorRate out;
  Stopwatch clock;
  while (clock.Seconds() < seconds) {
    for (int i = 0; i < 50; ++i) {
      int64_t s = out.submissions % sample;
      const std::string& e = envelopes[static_cast<size_t>(s)];
      xmlParserCtxt* ctxt = xmlNewParserCtxt();
      xmlDoc* doc = xmlCtxtReadMemory(ctxt, e.data(), static_cast<int>(e.size()), nullptr, nullptr, options);
      if (doc != nullptr) xmlFreeDoc(doc);
      xmlFreeParserCtxt(ctxt);
      ++out.submissions;
      int64_t first = s * shape.entries_per_submission;
      out.entries += std::min(shape.entries_per_submission, shape.entries - first);
    }
  }
  out.seconds = clock.Seconds();
  return out;
}

}  // namespace xds::bench
