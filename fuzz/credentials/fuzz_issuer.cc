// The fixed issuer of the credential fuzz targets (fuzz_entry_points.h).

#include <string>

#include "base/status.h"
#include "core/standards/loader.h"
#include "credentials/dates.h"
#include "fuzz_entry_points.h"

namespace kaoping::credentials::fuzz {
namespace {

constexpr char kPack[] = R"yaml(format: kaoping.standard/1
id: fuzz-standard
title: {zh: 模糊测试标准, en: Fuzz standard}
kind: evaluation_standard
status: trial
source: {file: fuzz.txt, title: 模糊测试标准}
levels:
  - {id: junior, name: 初级, en: Junior, rank: 1}
exam_rules:
  subjects:
    - {kind: theory, name: 理论知识, pass_score: 60}
work_requirements:
  - level: junior
    functions:
      - id: "1"
        name: 部署
        work_contents:
          - id: "1.1"
            name: 搭建
            skills:
              - {id: "1.1.1", text: 能安装}
result_rules:
  kind: all_subjects_pass
)yaml";

IssuerConfig Config() {
  IssuerConfig c;
  c.public_url = "https://exam.example.org";
  c.issuer_name = "考评职业技能评价中心";
  return c;
}

Ed25519Key Key() {
  std::string seed;
  for (int i = 1; i <= 32; ++i) seed += static_cast<char>(i);
  return Ed25519Key::FromSeed(seed).value();
}

}  // namespace

FuzzIssuer::FuzzIssuer()
    : clock(ParseIsoDateTime("2026-03-01T08:00:00Z").value()), status_list(StatusListUrl(Config())) {
  pack = standards::LoadPack(kPack, "fuzz-standard.yaml").value();
  issuer = CertificateIssuer::Create(Config(), Key(), &serials, &status_list, &clock).value();
  IssueRequest r;
  r.holder.name = "张三明";
  r.pack = &pack;
  r.level_id = "junior";
  issued = issuer->Issue(r).value();
  list = issuer->StatusListCredential().value();
  // Indexes are random (status_list.h), so seeds from earlier runs have other indexes: the
  // revoked list has every bit set, which revokes whatever this issuer ever issued.
  StatusBitstring all;
  for (std::size_t i = 0; i < all.size(); ++i) all.Set(i, true);
  const std::string encoded = all.Encode().value();
  revoked_list = StatusList::Restore(status_list.url(), encoded, encoded)
                     .value()
                     .SignedCredential(Key(), clock.Now())
                     .value();
}

const FuzzIssuer& TheIssuer() {
  static const FuzzIssuer* const kIssuer = new FuzzIssuer();
  return *kIssuer;
}

}  // namespace kaoping::credentials::fuzz
