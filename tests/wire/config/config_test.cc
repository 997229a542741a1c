// Config: TOML text and files, dotted keys, defaults for missing or mistyped
// values, string arrays, and syntax errors reported with their line.
#include "wire/config/config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace xds {
namespace {

using Code = Status::Code;

constexpr char kToml[] = R"(# comment
title = "xds-node"

[server]
host = "127.0.0.1"
port = 8080
tls = false

[registry]
database = "data/registry.db"
max_query_results = 1000
unknown_patient_is_error = true
accepted_assigning_authorities = ["1.3.6.1.4.1.21367.13.20.1000", "1.2.3"]
allowed_mime_types = []
mixed = ["a", 1, "b", true]
patient.feed.port = 2575

[registry.store]
busy_timeout_ms = 5000
big = 9000000000
)";

Config MustParse(const std::string& text) {
  auto c = Config::Parse(text);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : Config();
}

TEST(ConfigTest, ReadsTopLevelAndTableValues) {
  Config c = MustParse(kToml);
  EXPECT_EQ(c.String("title"), "xds-node");
  EXPECT_EQ(c.String("server.host"), "127.0.0.1");
  EXPECT_EQ(c.Int("server.port", 0), 8080);
  EXPECT_FALSE(c.Bool("server.tls", true));
  EXPECT_EQ(c.String("registry.database"), "data/registry.db");
  EXPECT_EQ(c.Int("registry.max_query_results", 0), 1000);
  EXPECT_TRUE(c.Bool("registry.unknown_patient_is_error", false));
}

TEST(ConfigTest, DottedKeysReachNestedTables) {
  Config c = MustParse(kToml);
  EXPECT_EQ(c.Int("registry.store.busy_timeout_ms", 0), 5000);
  EXPECT_EQ(c.Int("registry.store.big", 0), 9000000000LL);
  EXPECT_EQ(c.Int("registry.patient.feed.port", 0), 2575);  // dotted key inside [registry]
  EXPECT_TRUE(c.Has("registry.store"));
  EXPECT_TRUE(c.Has("registry.patient.feed"));
}

TEST(ConfigTest, MissingKeysTakeTheDefault) {
  Config c = MustParse(kToml);
  EXPECT_FALSE(c.Has("server.threads"));
  EXPECT_FALSE(c.Has("nosuch.section.key"));
  EXPECT_EQ(c.Int("server.threads", 16), 16);
  EXPECT_EQ(c.String("log.level", "info"), "info");
  EXPECT_EQ(c.String("log.level"), "");
  EXPECT_TRUE(c.Bool("registry.nosuch", true));
  EXPECT_FALSE(c.Bool("registry.nosuch", false));
}

TEST(ConfigTest, MistypedValuesTakeTheDefault) {
  Config c = MustParse(kToml);
  EXPECT_TRUE(c.Has("server.port"));
  EXPECT_EQ(c.String("server.port", "fallback"), "fallback");  // an integer, not a string
  EXPECT_EQ(c.Int("server.host", -1), -1);                     // a string, not an integer
  EXPECT_TRUE(c.Bool("server.port", true));
  EXPECT_EQ(c.Int("registry", 7), 7);                          // a table
}

TEST(ConfigTest, StringsReadsStringArrays) {
  Config c = MustParse(kToml);
  EXPECT_EQ(c.Strings("registry.accepted_assigning_authorities"),
            (std::vector<std::string>{"1.3.6.1.4.1.21367.13.20.1000", "1.2.3"}));
  EXPECT_TRUE(c.Has("registry.allowed_mime_types"));
  EXPECT_TRUE(c.Strings("registry.allowed_mime_types").empty());
  EXPECT_EQ(c.Strings("registry.mixed"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(c.Strings("registry.nosuch").empty());
  EXPECT_TRUE(c.Strings("registry.database").empty());  // a string, not an array
}

TEST(ConfigTest, EmptyTextIsAnEmptyConfig) {
  Config c = MustParse("");
  EXPECT_FALSE(c.Has("server"));
  EXPECT_EQ(c.Int("server.port", 8080), 8080);
}

TEST(ConfigTest, DefaultConstructedConfigIsEmpty) {
  Config c;
  EXPECT_FALSE(c.Has("x"));
  EXPECT_EQ(c.String("x", "d"), "d");
}

TEST(ConfigTest, SyntaxErrorNamesTheLine) {
  auto c = Config::Parse("[server]\nhost = \"127.0.0.1\"\nport = = 8080\n");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(c.status().message().rfind("configuration: ", 0), 0u) << c.status().message();
  EXPECT_NE(c.status().message().find("at line 3"), std::string::npos) << c.status().message();
}

TEST(ConfigTest, OtherSyntaxErrors) {
  struct Case {
    std::string text;
    int line;
  };
  const std::vector<Case> cases = {
      {"a = \"unterminated\n", 1},
      {"[server]\nport = 1\n\n[server]\n", 4},             // table defined twice
      {"x = 1\ny = 2\nx = 3\n", 3},                        // key defined twice
      {"[registry\ndatabase = \"x\"\n", 1},
  };
  for (const auto& test : cases) {
    auto c = Config::Parse(test.text);
    ASSERT_FALSE(c.ok()) << test.text;
    EXPECT_EQ(c.status().code(), Code::kInvalidArgument);
    EXPECT_NE(c.status().message().find("at line " + std::to_string(test.line)), std::string::npos)
        << test.text << " -> " << c.status().message();
  }
}

TEST(ConfigTest, MovedConfigKeepsItsValues) {
  Config a = MustParse(kToml);
  Config b = std::move(a);
  EXPECT_EQ(b.Int("server.port", 0), 8080);
  Config c;
  c = std::move(b);
  EXPECT_EQ(c.String("server.host"), "127.0.0.1");
}

TEST(ConfigTest, LoadFile) {
  testing::TempDir dir;
  const std::string path = dir.File("node.toml");
  std::ofstream(path) << kToml;
  auto c = Config::LoadFile(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->Int("server.port", 0), 8080);

  const std::string bad = dir.File("bad.toml");
  std::ofstream(bad) << "ok = 1\n\nbroken =\n";
  auto b = Config::LoadFile(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(b.status().message().rfind(bad + ": ", 0), 0u) << b.status().message();
  EXPECT_NE(b.status().message().find("at line 3"), std::string::npos) << b.status().message();

  auto missing = Config::LoadFile(dir.File("missing.toml"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("missing.toml"), std::string::npos) << missing.status().message();
}

}  // namespace
}  // namespace xds
