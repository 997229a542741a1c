// Status and Result<T>: how every fallible call in the project reports failure.
//
// A Status is OK or carries a category and a human-readable message. No
// exception crosses a folder boundary; callers test ok() and pass the Status
// up. Result<T> is either a T or a non-OK Status.
//
// XDS business errors (XDSUnknownPatientId ...) are not Statuses: they are
// collected as ihe::RegistryError values by actor logic, see
// wire/ihe/registry_error.h. A Status means the request could not be handled
// at all (bad input, I/O failure, busy store).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace xds {

class Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,  // the input is malformed (bad XML, bad MIME, bad value)
    kNotFound,
    kAlreadyExists,
    kTooLarge,         // an input exceeds a configured limit
    kUnavailable,      // a peer cannot be reached; the request did not reach it
    // The request went out but no whole answer came back (read timeout,
    // connection dropped): the peer may or may not have acted on it.
    kOutcomeUnknown,
    kBusy,             // a resource is contended; retrying may succeed
    kIoError,
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {Code::kAlreadyExists, std::move(msg)}; }
  static Status TooLarge(std::string msg) { return {Code::kTooLarge, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status OutcomeUnknown(std::string msg) { return {Code::kOutcomeUnknown, std::move(msg)}; }
  static Status Busy(std::string msg) { return {Code::kBusy, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status. Access the value only after ok().
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {    // NOLINT: implicit by design
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace xds

// Returns early from the enclosing function when expr yields a non-OK Status.
#define XDS_RETURN_IF_ERROR(expr)            \
  do {                                       \
    ::xds::Status xds_status_ = (expr);      \
    if (!xds_status_.ok()) return xds_status_; \
  } while (0)
