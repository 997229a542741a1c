// Status, Result<T> and XDS_RETURN_IF_ERROR.
#include "wire/base/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace xds {
namespace {

using Code = Status::Code;

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), Code::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, NamedConstructorsCarryCodeAndMessage) {
  struct Case {
    Status status;
    Code code;
    std::string name;
  };
  const std::vector<Case> cases = {
      {Status::InvalidArgument("m"), Code::kInvalidArgument, "InvalidArgument"},
      {Status::NotFound("m"), Code::kNotFound, "NotFound"},
      {Status::AlreadyExists("m"), Code::kAlreadyExists, "AlreadyExists"},
      {Status::TooLarge("m"), Code::kTooLarge, "TooLarge"},
      {Status::Unavailable("m"), Code::kUnavailable, "Unavailable"},
      {Status::Busy("m"), Code::kBusy, "Busy"},
      {Status::IoError("m"), Code::kIoError, "IoError"},
      {Status::Internal("m"), Code::kInternal, "Internal"},
  };
  for (const auto& c : cases) {
    EXPECT_FALSE(c.status.ok()) << c.name;
    EXPECT_EQ(c.status.code(), c.code) << c.name;
    EXPECT_EQ(c.status.message(), "m") << c.name;
    EXPECT_EQ(c.status.ToString(), c.name + ": m");
  }
}

TEST(StatusTest, CopiesKeepTheError) {
  Status a = Status::NotFound("no such entry urn:uuid:1");
  Status b = a;
  EXPECT_EQ(b.code(), Code::kNotFound);
  EXPECT_EQ(b.message(), "no such entry urn:uuid:1");
  b = Status::Ok();
  EXPECT_TRUE(b.ok());
  EXPECT_FALSE(a.ok());
}

TEST(ResultTest, HoldsAValue) {
  Result<std::string> r = std::string("hello");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(*r, "hello");
  EXPECT_EQ(r->size(), 5u);
  r.value() += "!";
  EXPECT_EQ(r.value(), "hello!");
}

TEST(ResultTest, HoldsAnError) {
  Result<int> r = Status::Busy("locked");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kBusy);
  EXPECT_EQ(r.status().message(), "locked");
}

TEST(ResultTest, MovesAMoveOnlyValueOut) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(42);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 42);
}

Status Step(bool fail, int* reached) {
  ++*reached;
  return fail ? Status::IoError("disk full") : Status::Ok();
}

Status Pipeline(bool fail_first, int* reached) {
  XDS_RETURN_IF_ERROR(Step(fail_first, reached));
  XDS_RETURN_IF_ERROR(Step(false, reached));
  return Status::Internal("end reached");
}

TEST(StatusTest, ReturnIfErrorStopsAtTheFirstError) {
  int reached = 0;
  Status s = Pipeline(true, &reached);
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(reached, 1);
}

TEST(StatusTest, ReturnIfErrorContinuesOnOk) {
  int reached = 0;
  Status s = Pipeline(false, &reached);
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_EQ(reached, 2);
}

}  // namespace
}  // namespace xds
