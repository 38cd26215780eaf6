#include "credentials/data_integrity.h"

#include "credentials/dates.h"
#include "credentials/encoding.h"
#include "credentials/jcs.h"
#include "credentials/json_util.h"
#include "credentials/jsonld.h"

namespace kaoping::credentials {

namespace {

using Json = nlohmann::json;
using internal::Str;

// `proof_config` is the proof without proofValue, with the @context the suite hashes.
Result<std::string> HashData(Cryptosuite suite, const Json& proof_config, const Json& document) {
  if (suite == Cryptosuite::kEddsaRdfc2022) {
    KP_ASSIGN_OR_RETURN(std::string canon_proof, CanonicalNQuads(proof_config));
    KP_ASSIGN_OR_RETURN(std::string canon_doc, CanonicalNQuads(document));
    return Sha256(canon_proof) + Sha256(canon_doc);
  }
  KP_ASSIGN_OR_RETURN(std::string canon_proof, CanonicalizeJcs(proof_config));
  KP_ASSIGN_OR_RETURN(std::string canon_doc, CanonicalizeJcs(document));
  return Sha256(canon_proof) + Sha256(canon_doc);
}

Status ProofError(std::string reason, std::string en, std::string zh) {
  return InvalidArgument(std::move(reason), std::move(en), std::move(zh));
}

}  // namespace

std::string_view CryptosuiteName(Cryptosuite suite) {
  return suite == Cryptosuite::kEddsaRdfc2022 ? kCryptosuiteRdfc : kCryptosuiteJcs;
}

Result<Cryptosuite> ParseCryptosuite(std::string_view name) {
  if (name == kCryptosuiteRdfc) return Cryptosuite::kEddsaRdfc2022;
  if (name == kCryptosuiteJcs) return Cryptosuite::kEddsaJcs2022;
  return InvalidArgument(
      "credentials.cryptosuite",
      "unknown cryptosuite \"" + std::string(name) + "\" (use eddsa-rdfc-2022 or eddsa-jcs-2022)",
      "未知的签名套件“" + std::string(name) + "”（可选 eddsa-rdfc-2022 或 eddsa-jcs-2022）");
}

Result<nlohmann::json> AddJcsProof(nlohmann::json document, const Ed25519Key& key, TimePoint created,
                                   std::string_view proof_purpose) {
  return AddProof(std::move(document), key, created, Cryptosuite::kEddsaJcs2022, proof_purpose);
}

Result<nlohmann::json> AddProof(nlohmann::json document, const Ed25519Key& key, TimePoint created,
                                Cryptosuite suite, std::string_view proof_purpose) {
  if (!document.is_object() || document.contains("proof")) {
    return InvalidArgument("credentials.proof_exists", "the document must be a JSON object without a proof",
                           "待签名文档必须是不含 proof 的 JSON 对象");
  }
  Json proof{{"type", "DataIntegrityProof"},
             {"cryptosuite", CryptosuiteName(suite)},
             {"created", FormatIsoUtc(created)},
             {"verificationMethod", key.VerificationMethod()},
             {"proofPurpose", proof_purpose}};
  Json config = proof;
  if (document.contains("@context")) config["@context"] = document["@context"];
  KP_ASSIGN_OR_RETURN(std::string hash_data, HashData(suite, config, document));
  // eddsa-jcs-2022 emits the proof with its @context (as the spec's "add proof" and Digital
  // Bazaar's jcs suite do); eddsa-rdfc-2022 proofs live inside the document's context.
  if (suite == Cryptosuite::kEddsaJcs2022) proof = std::move(config);
  proof["proofValue"] = MultibaseBase58btc(key.Sign(hash_data));
  document["proof"] = std::move(proof);
  return document;
}

Result<VerifiedProof> VerifyProof(const nlohmann::json& secured, std::string_view expected_purpose) {
  if (!secured.is_object() || !secured.contains("proof")) {
    return ProofError("credentials.proof_missing", "the document has no proof", "文档没有签名证明（proof）");
  }
  const Json* proof_ptr = &secured["proof"];
  if (proof_ptr->is_array() && proof_ptr->size() == 1) proof_ptr = &(*proof_ptr)[0];
  if (!proof_ptr->is_object()) {
    return ProofError("credentials.proof_missing", "exactly one proof object is supported",
                      "仅支持单个签名证明对象");
  }
  Json proof = *proof_ptr;
  auto suite = ParseCryptosuite(Str(proof, "cryptosuite"));
  if (Str(proof, "type") != "DataIntegrityProof" || !suite.ok()) {
    return ProofError("credentials.proof_unsupported",
                      "only DataIntegrityProof with eddsa-rdfc-2022 or eddsa-jcs-2022 is supported",
                      "仅支持 eddsa-rdfc-2022 或 eddsa-jcs-2022 的 DataIntegrityProof 签名");
  }
  if (Str(proof, "proofPurpose") != expected_purpose) {
    return ProofError("credentials.proof_purpose", "proofPurpose must be " + std::string(expected_purpose),
                      "proofPurpose 必须为 " + std::string(expected_purpose));
  }
  if (!proof.contains("proofValue") || !proof["proofValue"].is_string() ||
      !proof.contains("verificationMethod") || !proof["verificationMethod"].is_string()) {
    return ProofError("credentials.proof_invalid", "proofValue and verificationMethod must be strings",
                      "proofValue 与 verificationMethod 必须为字符串");
  }
  const std::string proof_value = proof["proofValue"].get<std::string>();
  const std::string vm = proof["verificationMethod"].get<std::string>();
  auto public_key = ResolveDidKey(vm);
  if (!public_key.ok()) {
    return ProofError("credentials.proof_unsupported", public_key.status().message(),
                      public_key.status().message_zh());
  }
  Json document = secured;
  document.erase("proof");
  if (*suite == Cryptosuite::kEddsaRdfc2022) {
    // vc-di-eddsa §3.2.5: the proof configuration takes the document's @context.
    proof.erase("@context");
    if (document.contains("@context")) proof["@context"] = document["@context"];
  } else if (proof.contains("@context")) {
    Json proof_ctx = proof["@context"].is_array() ? proof["@context"] : Json::array({proof["@context"]});
    Json doc_ctx =
        document.contains("@context")
            ? (document["@context"].is_array() ? document["@context"] : Json::array({document["@context"]}))
            : Json::array();
    for (std::size_t i = 0; i < proof_ctx.size(); ++i) {
      if (i >= doc_ctx.size() || doc_ctx[i] != proof_ctx[i]) {
        return ProofError("credentials.proof_context",
                          "the document's @context does not start with the proof's",
                          "文档的 @context 与签名证明的 @context 不一致");
      }
    }
    document["@context"] = proof["@context"];
  }
  proof.erase("proofValue");
  auto hash_data = HashData(*suite, proof, document);
  if (!hash_data.ok() && *suite == Cryptosuite::kEddsaRdfc2022) {
    return ProofError("credentials.proof_invalid",
                      "the document cannot be canonicalised: " + hash_data.status().message(),
                      "文档无法规范化：" + hash_data.status().message_zh());
  }
  KP_RETURN_IF_ERROR(hash_data.status());
  if (proof_value.empty() || proof_value[0] != 'z') {
    return ProofError("credentials.proof_invalid", "proofValue is not base58btc multibase",
                      "proofValue 不是 base58btc 多基编码");
  }
  auto signature = Base58btcDecode(std::string_view(proof_value).substr(1));
  if (!signature.ok() || !VerifyEd25519(*public_key, *hash_data, *signature)) {
    return ProofError("credentials.proof_invalid",
                      "the signature does not match the document (altered or wrong key)",
                      "签名与文档不符（文档被篡改或密钥不符）");
  }
  const auto hash = vm.find('#');
  return VerifiedProof{vm.substr(0, hash), vm, Str(proof, "created"), *suite};
}

}  // namespace kaoping::credentials
