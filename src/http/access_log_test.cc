#include "http/access_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kaoping::http {
namespace {

TEST(AccessLogTest, FormatsLogfmt) {
  AccessLogEntry e;
  e.ts = FromUnixMillis(1714550400123);  // 2024-05-01T08:00:00.123Z
  e.request_id = "9f86d081884c7d65";
  e.remote = "127.0.0.1:53122";
  e.method = "GET";
  e.path = "/api/v1/standards/x";
  e.route = "/api/v1/standards/{id}";
  e.status = 200;
  e.bytes = 512;
  e.duration_ms = 1.7344;
  EXPECT_EQ(AccessLog::Format(e),
            "ts=2024-05-01T08:00:00.123Z request_id=9f86d081884c7d65 remote=127.0.0.1:53122 method=GET "
            "path=/api/v1/standards/x route=/api/v1/standards/{id} status=200 bytes=512 duration_ms=1.734");
}

TEST(AccessLogTest, QuotesAndEscapesAwkwardValues) {
  std::string out;
  AppendLogfmt(out, "a", "plain");
  AppendLogfmt(out, "b", "");
  AppendLogfmt(out, "c", "has space");
  AppendLogfmt(out, "d", "q\"uote\\");
  AppendLogfmt(out, "e", "line\nbreak\x01");
  AppendLogfmt(out, "f", "k=v");
  EXPECT_EQ(out, "a=plain b=\"\" c=\"has space\" d=\"q\\\"uote\\\\\" e=\"line\\nbreak\\x01\" f=\"k=v\"");
}

}  // namespace
}  // namespace kaoping::http
