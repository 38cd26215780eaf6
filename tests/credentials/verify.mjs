// Independent, offline verifier for credentials issued by kaoping (src/credentials/).
//
//   node verify.mjs <credential.json> [--status-list <url>=<file>]... [--now <ISO date-time>]
//
// Verification is done by Digital Bazaar's libraries from the npm registry, not by kaoping code:
//   * @digitalbazaar/vc verifyCredential (VC 2.0 checks: context, type, issuer, validFrom/validUntil)
//   * @digitalbazaar/data-integrity DataIntegrityProof with either cryptosuite, chosen by the
//     proof's `cryptosuite`: @digitalbazaar/eddsa-rdfc-2022-cryptosuite (RDFC-1.0 via jsonld /
//     rdf-canonize) or @digitalbazaar/eddsa-jcs-2022-cryptosuite (RFC 8785 via `canonicalize`);
//     Ed25519 via node:crypto
//   * @digitalbazaar/did-method-key to resolve the did:key verification method
//   * @digitalbazaar/vc-bitstring-status-list checkStatus: fetches the status list credential
//     (from the files given with --status-list), verifies its proof and issuer, reads the bit.
// In addition this script decodes the status bit itself (node:zlib, MSB-first) and expands the
// credential with jsonld in safe mode, so every term must be defined by the pinned contexts.
//
// No network: the document loader serves only contexts/*.json (see contexts/index.json), the
// did:key documents, and the status list files named on the command line. Anything else fails.
//
// Prints a JSON report. Exit code: 0 verified and not revoked, 1 not verified (bad proof, expired,
// malformed, unavailable status list…), 2 verified but revoked.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as didKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import jsonld from 'jsonld';

const here = new URL('.', import.meta.url);

function usage(msg) {
  console.error(msg);
  console.error('usage: node verify.mjs <credential.json> [--status-list <url>=<file>]... [--now <iso>]');
  process.exit(1);
}

const args = process.argv.slice(2);
let credentialFile;
const statusLists = new Map();
let now;
for(let i = 0; i < args.length; ++i) {
  if(args[i] === '--status-list') {
    const spec = args[++i] ?? usage('--status-list needs <url>=<file>');
    const eq = spec.indexOf('=');
    if(eq < 0) {
      usage('--status-list needs <url>=<file>');
    }
    statusLists.set(spec.slice(0, eq), spec.slice(eq + 1));
  } else if(args[i] === '--now') {
    now = args[++i] ?? usage('--now needs a date-time');
  } else if(!credentialFile) {
    credentialFile = args[i];
  } else {
    usage(`unexpected argument ${args[i]}`);
  }
}
if(!credentialFile) {
  usage('no credential file');
}

// Pinned contexts, from files only.
const contexts = new Map();
for(const entry of JSON.parse(readFileSync(new URL('contexts/index.json', here), 'utf8'))) {
  contexts.set(entry.url, JSON.parse(readFileSync(new URL('contexts/' + entry.file, here), 'utf8')));
}

const didKeyDriver = didKey.driver();
didKeyDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  if(url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({url});
    return {contextUrl: null, documentUrl: url, document};
  }
  if(statusLists.has(url)) {
    const document = JSON.parse(readFileSync(statusLists.get(url), 'utf8'));
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error(`offline document loader: refusing to load ${url}`);
}

// The status bit, decoded here without the library: multibase 'u' + base64url(GZIP), MSB first.
function ownStatusBit(credential) {
  const entry = credential.credentialStatus;
  const file = statusLists.get(entry.statusListCredential);
  if(!file) {
    return undefined;
  }
  const list = JSON.parse(readFileSync(file, 'utf8'));
  let encoded = list.credentialSubject.encodedList;
  if(encoded.startsWith('u')) {
    encoded = encoded.slice(1);
  }
  const bytes = gunzipSync(Buffer.from(encoded, 'base64url'));
  const index = parseInt(entry.statusListIndex, 10);
  if(bytes.length * 8 < 131072) {
    throw new Error(`status list has only ${bytes.length * 8} bits`);
  }
  return ((bytes[index >> 3] >> (7 - (index & 7))) & 1) === 1;
}

function errorText(e) {
  if(!e) {
    return undefined;
  }
  if(Array.isArray(e)) {
    return e.map(errorText).join('; ');
  }
  if(e.errors) {
    return errorText(e.errors);
  }
  return e.message || String(e);
}

const credential = JSON.parse(readFileSync(credentialFile, 'utf8'));
const report = {verified: false, revoked: false};

// JSON-LD safe mode: every property and type must be defined by the contexts.
try {
  await jsonld.expand(credential, {documentLoader, safe: true});
  report.safeModeExpansion = 'ok';
} catch(e) {
  report.safeModeExpansion = errorText(e);
}

const suite = [
  new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
  new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
];
try {
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus, ...(now ? {now} : {}),
  });
  report.verified = result.verified === true;
  if(!result.verified) {
    report.error = errorText(result.error) ??
      errorText(result.statusResult?.error) ?? 'not verified';
  }
  const statuses = result.statusResult?.results ?? [];
  report.revoked = statuses.some(r => r.status === true);
  report.statusByLibrary = statuses.map(r => ({
    index: r.credentialStatus?.statusListIndex, revoked: r.status,
  }));
} catch(e) {
  report.error = errorText(e);
}
try {
  report.statusByOwnDecoder = ownStatusBit(credential);
} catch(e) {
  report.statusByOwnDecoder = 'error: ' + e.message;
}
report.cryptosuite = credential.proof?.cryptosuite;
if(report.verified && report.statusByOwnDecoder !== undefined &&
  report.statusByOwnDecoder !== report.revoked) {
  report.verified = false;
  report.error = 'status bit disagreement between the library and the own decoder';
}
if(report.verified && report.safeModeExpansion !== 'ok') {
  report.verified = false;
  report.error = 'JSON-LD safe mode expansion failed: ' + report.safeModeExpansion;
}

console.log(JSON.stringify(report, null, 2));
process.exit(!report.verified ? 1 : report.revoked ? 2 : 0);
