#include "http/static_files.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/router.h"

namespace kaoping::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("kaoping_static_test_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    Write(root_ / "index.html", "<html>index</html>");
    Write(root_ / "assets" / "app-abc123.js", "js");
    Write(root_ / "assets" / "app-abc123.mjs", "mjs");
    Write(root_ / "assets" / "app-abc123.js.map", "{}");
    Write(root_ / "robots.txt", "User-agent: *");
    Write(root_ / "img" / "photo.jpg", "jpg");
    Write(root_ / "img" / "icon.png", "png");
    Write(root_ / "fonts" / "a.woff", "woff");
    Write(root_ / "fonts" / "a.ttf", "ttf");
    Write(root_ / "data.json", "{}");
    Write(root_ / ".env", "SECRET=1");
    Write(base_ / "outside.txt", "outside");
    fs::create_symlink(base_ / "outside.txt", root_ / "link.txt");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }

  static void Write(const fs::path& p, std::string_view content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }

  Response Get(const StaticFiles& files, std::string path, std::string if_none_match = {},
               Method method = Method::kGet) {
    Request r;
    r.method = method;
    r.method_name = std::string(MethodName(method));
    r.path = std::move(path);
    r.request_id = "t";
    if (!if_none_match.empty()) r.headers.Add("If-None-Match", if_none_match);
    return files.Serve(r);
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ContentTypes) {
  StaticFiles files(root_);
  ASSERT_TRUE(files.available());
  EXPECT_EQ(Get(files, "/index.html").content_type, "text/html; charset=utf-8");
  EXPECT_EQ(Get(files, "/assets/app-abc123.js").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get(files, "/assets/app-abc123.mjs").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get(files, "/assets/app-abc123.js.map").content_type, "application/json");
  EXPECT_EQ(Get(files, "/robots.txt").content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(Get(files, "/img/photo.jpg").content_type, "image/jpeg");
  EXPECT_EQ(Get(files, "/img/icon.png").content_type, "image/png");
  EXPECT_EQ(Get(files, "/fonts/a.woff").content_type, "font/woff");
  EXPECT_EQ(Get(files, "/fonts/a.ttf").content_type, "font/ttf");
  EXPECT_EQ(Get(files, "/data.json").content_type, "application/json");
  EXPECT_EQ(ContentTypeForExtension(".CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForExtension(".unknown"), "application/octet-stream");
}

TEST_F(StaticFilesTest, CachingHeaders) {
  StaticFiles files(root_);
  Response asset = Get(files, "/assets/app-abc123.js");
  EXPECT_EQ(asset.headers.Get("Cache-Control").value_or(""), "public, max-age=31536000, immutable");
  Response index = Get(files, "/");
  EXPECT_EQ(index.body, "<html>index</html>");
  EXPECT_EQ(index.headers.Get("Cache-Control").value_or(""), "no-cache");
  EXPECT_EQ(Get(files, "/robots.txt").headers.Get("Cache-Control").value_or(""), "no-cache");
}

TEST_F(StaticFilesTest, ETagChangesWithContentAndRevalidates) {
  StaticFiles files(root_);
  std::string etag(Get(files, "/robots.txt").headers.Get("ETag").value_or(""));
  ASSERT_THAT(etag, ::testing::StartsWith("\""));
  EXPECT_EQ(Get(files, "/robots.txt", etag).status, 304);
  EXPECT_EQ(Get(files, "/robots.txt", "*").status, 304);
  EXPECT_EQ(Get(files, "/robots.txt", "\"other\"").status, 200);
  Write(root_ / "robots.txt", "User-agent: * \nDisallow: /");
  EXPECT_EQ(Get(files, "/robots.txt", etag).status, 200);
  EXPECT_TRUE(IfNoneMatchMatches("W/\"a\", \"b\"", "\"a\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"a\"", "\"b\""));
}

TEST_F(StaticFilesTest, SpaFallbackRules) {
  StaticFiles files(root_);
  EXPECT_EQ(Get(files, "/exams/42").body, "<html>index</html>");
  EXPECT_EQ(Get(files, "/exams/42/").body, "<html>index</html>");
  EXPECT_EQ(Get(files, "/img").body, "<html>index</html>");  // A directory is not a file.
  EXPECT_EQ(Get(files, "/missing.js").status, 404);
  EXPECT_EQ(Get(files, "/assets/no-extension").status, 404);
  EXPECT_EQ(Get(files, "/api/v1/x").status, 404);
  EXPECT_EQ(Get(files, "/api").status, 404);
  EXPECT_EQ(Get(files, "/exams/1", {}, Method::kPost).status, 405);
  EXPECT_EQ(Get(files, "/exams/1", {}, Method::kHead).status, 200);
  // The certificate verification page: a number may contain dots, it is still the UI's route.
  EXPECT_EQ(Get(files, "/verify/KP-DEP-M-2026-000001-7").body, "<html>index</html>");
  EXPECT_EQ(Get(files, "/verify/ZS.2026.0001").body, "<html>index</html>");
  // Published status lists are the server's: an unknown one is a 404, never the UI.
  EXPECT_EQ(Get(files, "/credentials/status/2").status, 404);
  EXPECT_EQ(Get(files, "/credentials/x").status, 404);
}

TEST_F(StaticFilesTest, TraversalAndHiddenFilesAreRejected) {
  StaticFiles files(root_);
  for (const char* p :
       {"/../outside.txt", "/%2e%2e/outside.txt", "/assets/..%2F..%2Foutside.txt", "//etc/passwd",
        "/./index.html", "/a\\b", "/%5c..%5coutside.txt", "/x%00y", "/%zz", "relative"}) {
    int status = Get(files, p).status;
    EXPECT_TRUE(status == 400 || status == 404) << p << " → " << status;
  }
  EXPECT_EQ(Get(files, "/.env").status, 404);
  EXPECT_EQ(Get(files, "/link.txt").status, 404);  // Symlink leaving the root.
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
  StaticFiles files(base_ / "does-not-exist");
  EXPECT_FALSE(files.available());
  EXPECT_EQ(Get(files, "/").status, 404);
  EXPECT_EQ(Get(files, "/index.html").status, 404);
  EXPECT_EQ(Get(files, "/../x").status, 400);
}

TEST_F(StaticFilesTest, MountInstallsFallbackExcludingApi) {
  Router router;
  StaticFiles(root_).Mount(router);
  Request r;
  r.method = Method::kGet;
  r.method_name = "GET";
  r.path = "/exams/1";
  Response ui = router.Dispatch(r);
  EXPECT_EQ(ui.status, 200);
  EXPECT_EQ(r.route, "static");
  Request api;
  api.method = Method::kGet;
  api.method_name = "GET";
  api.path = "/api/v1/nope";
  Response nf = router.Dispatch(api);
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.content_type, "application/problem+json");
  // A status list route registered next to the UI wins; other /credentials/ paths never reach it.
  ASSERT_TRUE(
      router.Add(Method::kGet, "/credentials/status/1", [](const Request&) { return Response::Text("list"); })
          .ok());
  Request list;
  list.method = Method::kGet;
  list.method_name = "GET";
  list.path = "/credentials/status/1";
  EXPECT_EQ(router.Dispatch(list).body, "list");
  list.path = "/credentials/status/9";
  Response other = router.Dispatch(list);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.content_type, "application/problem+json");
}

}  // namespace
}  // namespace kaoping::http
