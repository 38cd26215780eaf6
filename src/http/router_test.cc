#include "http/router.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace kaoping::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request& r) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : r.path_params) params[k] = v;
    return Response::Json({{"handler", name}, {"params", params}, {"route", r.route}});
  };
}

Request MakeRequest(Method m, std::string path) {
  Request r;
  r.method = m;
  r.method_name = std::string(MethodName(m));
  r.path = std::move(path);
  r.request_id = "test";
  return r;
}

nlohmann::json Call(const Router& router, Method m, std::string path, int* status = nullptr) {
  Request req = MakeRequest(m, std::move(path));
  Response resp = router.Dispatch(req);
  if (status) *status = resp.status;
  return nlohmann::json::parse(resp.body, nullptr, false);
}

TEST(RouterTest, PathParamsAreDecoded) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/api/v1/standards/{id}/levels/{level}", Named("level")).ok());
  nlohmann::json j = Call(router, Method::kGet, "/api/v1/standards/%E6%A8%A1%E5%9E%8B/levels/3");
  EXPECT_EQ(j["handler"], "level");
  EXPECT_EQ(j["params"]["id"], "模型");
  EXPECT_EQ(j["params"]["level"], "3");
  EXPECT_EQ(j["route"], "/api/v1/standards/{id}/levels/{level}");
  // An encoded slash stays inside its segment.
  EXPECT_EQ(Call(router, Method::kGet, "/api/v1/standards/a%2Fb/levels/3")["params"]["id"], "a/b");
}

TEST(RouterTest, ParametersMatchNonEmptySegmentsOnly) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/a/{x}", Named("x")).ok());
  int status = 0;
  Call(router, Method::kGet, "/a/", &status);
  EXPECT_EQ(status, 404);
  Call(router, Method::kGet, "/a/b/c", &status);
  EXPECT_EQ(status, 404);
}

TEST(RouterTest, LiteralBeatsParameterAndFallsBackByMethod) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/s/{id}", Named("by_id")).ok());
  ASSERT_TRUE(router.Add(Method::kGet, "/s/search", Named("search")).ok());
  ASSERT_TRUE(router.Add(Method::kPost, "/s/{id}", Named("post_by_id")).ok());
  EXPECT_EQ(Call(router, Method::kGet, "/s/search")["handler"], "search");
  EXPECT_EQ(Call(router, Method::kGet, "/s/42")["handler"], "by_id");
  // "/s/search" has no POST, the less specific "/s/{id}" does.
  EXPECT_EQ(Call(router, Method::kPost, "/s/search")["handler"], "post_by_id");
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/x", Named("get")).ok());
  ASSERT_TRUE(router.Add(Method::kPut, "/x", Named("put")).ok());
  Request req = MakeRequest(Method::kDelete, "/x");
  Response r = router.Dispatch(req);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers.Get("allow").value_or(""), "GET, HEAD, PUT");
  EXPECT_EQ(nlohmann::json::parse(r.body)["code"], "http.method_not_allowed");
}

TEST(RouterTest, UnknownPathIs404Problem) {
  Router router;
  int status = 0;
  nlohmann::json j = Call(router, Method::kGet, "/nothing", &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(j["code"], "http.not_found");
}

TEST(RouterTest, HeadUsesGetUnlessRegistered) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/x", Named("get")).ok());
  ASSERT_TRUE(router.Add(Method::kGet, "/y", Named("get_y")).ok());
  ASSERT_TRUE(router.Add(Method::kHead, "/y", Named("head_y")).ok());
  EXPECT_EQ(Call(router, Method::kHead, "/x")["handler"], "get");
  EXPECT_EQ(Call(router, Method::kHead, "/y")["handler"], "head_y");
}

TEST(RouterTest, TrailingSlashIsSignificant) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/x", Named("x")).ok());
  int status = 0;
  Call(router, Method::kGet, "/x/", &status);
  EXPECT_EQ(status, 404);
}

TEST(RouterTest, RejectsBadPatternsAndDuplicates) {
  Router router;
  Handler h = Named("h");
  EXPECT_EQ(router.Add(Method::kGet, "no-slash", h).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kGet, "/a/{", h).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kGet, "/a/x{id}", h).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kGet, "/a/{1x}", h).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kGet, "/a/{id}/{id}", h).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kGet, "/a?x", h).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kGet, "/a", nullptr).reason(), "http.bad_route_pattern");
  EXPECT_EQ(router.Add(Method::kOther, "/a", h).reason(), "http.bad_route_pattern");
  ASSERT_TRUE(router.Add(Method::kGet, "/a/{id}", h).ok());
  Status dup = router.Add(Method::kGet, "/a/{other}", h);
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.reason(), "http.duplicate_route");
  EXPECT_TRUE(router.Add(Method::kPost, "/a/{other}", h).ok());
}

TEST(RouterTest, RoutesAreEnumerable) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/a", Named("a"), RouteOptions::Named("list_a")).ok());
  ASSERT_TRUE(router.Add(Method::kPost, "/a/{id}", Named("b")).ok());
  std::vector<RouteInfo> routes = router.routes();
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes[0].method, Method::kGet);
  EXPECT_EQ(routes[0].pattern, "/a");
  EXPECT_EQ(routes[0].name, "list_a");
  EXPECT_EQ(routes[1].method, Method::kPost);
  EXPECT_EQ(routes[1].pattern, "/a/{id}");
}

TEST(RouterTest, FallbackSkipsExcludedPrefixes) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/api/v1/x", Named("x")).ok());
  router.SetFallback(Named("ui"));
  EXPECT_EQ(Call(router, Method::kGet, "/anything/else")["handler"], "ui");
  EXPECT_EQ(Call(router, Method::kGet, "/anything/else")["route"], "fallback");
  int status = 0;
  EXPECT_EQ(Call(router, Method::kGet, "/api/v1/y", &status)["code"], "http.not_found");
  EXPECT_EQ(status, 404);
  Call(router, Method::kGet, "/api", &status);
  EXPECT_EQ(status, 404);
  // Encoding does not sneak past the exclusion.
  Call(router, Method::kGet, "/%61pi/v1/y", &status);
  EXPECT_EQ(status, 404);
}

TEST(RouterTest, BadEncodingIs400) {
  Router router;
  router.SetFallback(Named("ui"));
  int status = 0;
  EXPECT_EQ(Call(router, Method::kGet, "/a%zz", &status)["code"], "http.bad_request");
  EXPECT_EQ(status, 400);
}

}  // namespace
}  // namespace kaoping::http
