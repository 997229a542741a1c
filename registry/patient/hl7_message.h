// Hl7Message: one HL7 v2 message in ER7 ("pipe and hat") encoding, split into
// segments and fields, with accessors by segment name and HL7 position
// (PID-3.4.2 is Get("PID", 3, 4, 2)).
//
// Scope is what the Patient Identity Feed (ITI-8) reads, not a general HL7
// engine: no message-structure validation, no batches (BHS/FHS), no data-type
// checks. Delimiters come from MSH-1 and MSH-2, so senders that use non-default
// encoding characters are understood (HL7 v2.5 Ch. 2.5.4, 2.14.9.1).
//
// Ownership: an Hl7Message owns copies of its text; nothing refers back to the
// string_view given to Parse(). Fields are kept raw (still escaped) and split
// on demand, because the feed reads a dozen values per message and the ACK
// copies some fields verbatim.
//
// Thread safety: immutable after Parse(); const methods may be called from any
// number of threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/base/status.h"

namespace xds::registry {

// The five characters that structure an ER7 message (MSH-1 and MSH-2).
struct Hl7Delimiters {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';
  char subcomponent = '&';
};

// Decodes the escape sequences of one primitive value (HL7 v2.5 Ch. 2.7):
// \F\ \S\ \T\ \R\ \E\ become the delimiters, \Xhh..\ becomes the bytes it
// spells, \H\ and \N\ (highlighting) are dropped. Anything else, including an
// unterminated sequence, is kept literally so no sender text is lost.
std::string Hl7Unescape(std::string_view text, const Hl7Delimiters& delimiters);

// The inverse for text we write: delimiters become escape sequences and CR/LF
// become \X0D\ / \X0A\, so that the result is one primitive value that cannot
// break a segment.
std::string Hl7Escape(std::string_view text, const Hl7Delimiters& delimiters);

// One segment. Positions are 1-based, as in HL7 notation; MSH-1 is the field
// separator itself and MSH-2 the encoding characters, so MSH-9 reads the same
// here as in the standard.
class Hl7Segment {
 public:
  const std::string& name() const { return name_; }

  // Raw (escaped) text of a field, all repetitions included; empty when the
  // field is absent. Use it to copy a field into another message that uses
  // the same delimiters.
  std::string_view RawField(std::size_t field) const;

  // Number of repetitions in a field; 0 when the field is absent or empty.
  std::size_t RepetitionCount(std::size_t field) const;

  // Unescaped value of field.component.subcomponent in the first repetition;
  // empty when any level is absent.
  std::string Get(std::size_t field, std::size_t component = 1, std::size_t subcomponent = 1) const;

  // The same, in the given repetition (1-based).
  std::string GetRepetition(std::size_t field, std::size_t repetition, std::size_t component = 1,
                            std::size_t subcomponent = 1) const;

 private:
  friend class Hl7Message;
  Hl7Segment(std::string name, std::vector<std::string> fields, const Hl7Delimiters& delimiters)
      : name_(std::move(name)), fields_(std::move(fields)), delimiters_(delimiters) {}

  std::string name_;
  std::vector<std::string> fields_;  // fields_[n] is field n; fields_[0] is the name
  Hl7Delimiters delimiters_;
};

class Hl7Message {
 public:
  // Parses ER7 text. Segments may end with \r (the standard), \n or \r\n;
  // empty lines are skipped. InvalidArgument when the text does not start with
  // a well-formed MSH segment, when a segment name is not three upper-case
  // letters or digits, or when a second MSH appears (batches are unsupported).
  static Result<Hl7Message> Parse(std::string_view er7);

  const Hl7Delimiters& delimiters() const { return delimiters_; }
  const std::vector<Hl7Segment>& segments() const { return segments_; }

  // The first segment with this name, or nullptr.
  const Hl7Segment* Find(std::string_view name) const;

  // Find(segment)->Get(...), or empty when the segment is absent.
  std::string Get(std::string_view segment, std::size_t field, std::size_t component = 1,
                  std::size_t subcomponent = 1) const;

 private:
  Hl7Message() = default;

  Hl7Delimiters delimiters_;
  std::vector<Hl7Segment> segments_;  // segments_[0] is MSH
};

}  // namespace xds::registry
