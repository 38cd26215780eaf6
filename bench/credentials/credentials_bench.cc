// Benchmarks for certificates (docs/perf.md, "Certificates", has the figures).
//
//   BM_IssueCredential      allocate number + status index, build the OpenBadgeCredential, sign
//                           with the default suite (eddsa-rdfc-2022: JSON-LD expansion and RDFC-1.0
//                           of the proof configuration and of the credential, two SHA-256, Ed25519)
//   BM_SignCredential       the eddsa-jcs-2022 proof alone on a built credential
//   BM_SignCredentialRdfc   the eddsa-rdfc-2022 proof alone on a built credential
//   BM_VerifyProof          the eddsa-jcs-2022 proof alone (JCS + SHA-256 + Ed25519 verify)
//   BM_VerifyProofRdfc      the eddsa-rdfc-2022 proof alone (RDFC-1.0 + SHA-256 + Ed25519 verify)
//   BM_VerifyCredential     the public verification of an uploaded credential: shape, proof,
//                           trusted issuer, then the status list credential (its proof, gunzip of
//                           16 KiB, the bit) and the validity period
//   BM_RevokeAndResign      set a bit and sign the status list credential again (gzip 16 KiB)
//   BM_RenderPdf            one A4 certificate PDF (pango layout, CJK subsets, QR code)
//
// Run: build/bench/bench/credentials/credentials_bench --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true

#include <fstream>
#include <memory>
#include <sstream>

#include <benchmark/benchmark.h>

#include "core/standards/loader.h"
#include "credentials/data_integrity.h"
#include "credentials/dates.h"
#include "credentials/issuer.h"
#include "credentials/pdf.h"
#include "credentials/verify.h"

namespace kaoping::credentials {
namespace {

using Json = nlohmann::json;

const standards::Pack& Pack() {
  static const standards::Pack* pack = [] {
    std::ifstream in(std::string(KAOPING_SOURCE_DIR) + "/standards/003-ai-engineering-technician.yaml");
    std::ostringstream ss;
    ss << in.rdbuf();
    return new standards::Pack(standards::LoadPack(ss.str(), "003").value());
  }();
  return *pack;
}

struct Setup {
  explicit Setup(Cryptosuite suite = kDefaultCryptosuite)
      : clock(ParseIsoDateTime("2026-03-01T08:00:00Z").value()),
        status_list("https://exam.example.org/credentials/status/1") {
    IssuerConfig c;
    c.public_url = "https://exam.example.org";
    c.issuer_name = "考评职业技能评价中心";
    c.cryptosuite = suite;
    issuer = CertificateIssuer::Create(c, Ed25519Key::Generate(), &serials, &status_list, &clock).value();
  }
  IssueRequest Request() const {
    IssueRequest r;
    r.holder.name = "张三明";
    r.holder.email = "zhang@example.com";
    r.pack = &Pack();
    r.level_id = "senior";
    r.direction_id = "chip";
    return r;
  }
  ManualClock clock;
  InMemorySerialAllocator serials;
  StatusList status_list;
  std::unique_ptr<CertificateIssuer> issuer;
};

void BM_IssueCredential(benchmark::State& state) {
  Setup s;
  const IssueRequest r = s.Request();
  for (auto _ : state) {
    auto issued = s.issuer->Issue(r);
    benchmark::DoNotOptimize(issued);
    if (s.status_list.allocated_count() > kMinStatusListBits - 1000) {
      state.PauseTiming();
      s.status_list = StatusList(s.status_list.url());
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_IssueCredential);

void BM_SignCredential(benchmark::State& state) {
  Setup s;
  Json vc = s.issuer->Issue(s.Request()).value().credential;
  vc.erase("proof");
  const Ed25519Key key = Ed25519Key::Generate();
  for (auto _ : state) {
    auto signed_vc = AddJcsProof(vc, key, s.clock.Now());
    benchmark::DoNotOptimize(signed_vc);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignCredential);

void BM_SignCredentialRdfc(benchmark::State& state) {
  Setup s;
  Json vc = s.issuer->Issue(s.Request()).value().credential;
  vc.erase("proof");
  const Ed25519Key key = Ed25519Key::Generate();
  for (auto _ : state) {
    auto signed_vc = AddProof(vc, key, s.clock.Now(), Cryptosuite::kEddsaRdfc2022);
    if (!signed_vc.ok()) state.SkipWithError("signing failed");
    benchmark::DoNotOptimize(signed_vc);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignCredentialRdfc);

void VerifyProofWith(benchmark::State& state, Cryptosuite suite) {
  Setup s(suite);
  const Json vc = s.issuer->Issue(s.Request()).value().credential;
  for (auto _ : state) {
    auto ok = VerifyProof(vc);
    if (!ok.ok()) state.SkipWithError("proof did not verify");
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_VerifyProof(benchmark::State& state) {
  VerifyProofWith(state, Cryptosuite::kEddsaJcs2022);
}
BENCHMARK(BM_VerifyProof);
void BM_VerifyProofRdfc(benchmark::State& state) {
  VerifyProofWith(state, Cryptosuite::kEddsaRdfc2022);
}
BENCHMARK(BM_VerifyProofRdfc);

void BM_VerifyCredential(benchmark::State& state) {
  Setup s;
  const Json vc = s.issuer->Issue(s.Request()).value().credential;
  const Json list = s.issuer->StatusListCredential().value();
  const StatusListFetcher fetch = [&list](const std::string&) -> Result<Json> { return list; };
  const std::set<std::string, std::less<>> trusted = {s.issuer->issuer_id()};
  for (auto _ : state) {
    PublicVerification v = VerifyCredential(vc, fetch, s.clock.Now(), trusted);
    if (v.state != CertificateState::kValid) state.SkipWithError("credential did not verify");
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyCredential);

void BM_RevokeAndResign(benchmark::State& state) {
  Setup s;
  std::vector<CertificateRecord> records;
  for (int i = 0; i < 2000; ++i) records.push_back(s.issuer->Issue(s.Request()).value().record);
  std::size_t next = 0;
  for (auto _ : state) {
    if (next == records.size()) {
      state.PauseTiming();
      s.status_list = StatusList(s.status_list.url());
      records.clear();
      for (int i = 0; i < 2000; ++i) records.push_back(s.issuer->Issue(s.Request()).value().record);
      next = 0;
      state.ResumeTiming();
    }
    auto list = s.issuer->Revoke(records[next++], RevocationReason::kOther, "");
    benchmark::DoNotOptimize(list);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RevokeAndResign);

void BM_RenderPdf(benchmark::State& state) {
  Setup s;
  const CertificateRecord rec = s.issuer->Issue(s.Request()).value().record;
  const std::string url = s.issuer->VerificationUrlFor(rec.number);
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = RenderCertificatePdf(rec, url);
    if (!pdf.ok()) state.SkipWithError(pdf.status().ToString().c_str());
    bytes = pdf.ok() ? pdf->size() : 0;
    benchmark::DoNotOptimize(pdf);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderPdf)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kaoping::credentials

BENCHMARK_MAIN();
