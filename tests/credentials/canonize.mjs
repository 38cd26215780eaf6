// Reference RDFC-1.0 canonicalizer for kaoping's eddsa-rdfc-2022 tests (test harness only).
//
//   node canonize.mjs <document.json | dataset.nq>
//
// Prints the canonical N-Quads of the JSON-LD document, computed by jsonld.js
// (jsonld.canonize, algorithm RDFC-1.0, safe mode) with rdf-canonize, offline: the document
// loader serves only contexts/*.json (the same files kaoping embeds; contexts/index.json).
// A document with a `proof` is canonicalised as is; the C++ test removes the proof first, as the
// cryptosuite does. A file ending in .nq is read as N-Quads and canonicalised by rdf-canonize
// alone (for the RDFC-1.0 tests). A file ending in .nqs holds many N-Quads datasets separated by
// a line `#next`; their canonical forms are printed in order, each followed by `#next`
// (randomised differential tests, one process for all). Exit code 1 on any error (message on
// stderr).
import {readFileSync} from 'node:fs';
import jsonld from 'jsonld';
import canonize from 'rdf-canonize';

const here = new URL('.', import.meta.url);
const contexts = new Map();
for(const entry of JSON.parse(readFileSync(new URL('contexts/index.json', here), 'utf8'))) {
  contexts.set(entry.url, JSON.parse(readFileSync(new URL('contexts/' + entry.file, here), 'utf8')));
}

async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  throw new Error(`offline document loader: refusing to load ${url}`);
}

const file = process.argv[2];
if(!file) {
  console.error('usage: node canonize.mjs <document.json>');
  process.exit(1);
}
try {
  let nquads;
  if(file.endsWith('.nqs')) {
    nquads = '';
    for(const dataset of readFileSync(file, 'utf8').split('#next\n')) {
      if(dataset === '') {
        continue;
      }
      nquads += await canonize.canonize(dataset, {
        algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads',
        maxWorkFactor: Infinity,
      }) + '#next\n';
    }
  } else if(file.endsWith('.nq')) {
    nquads = await canonize.canonize(readFileSync(file, 'utf8'), {
      algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads',
      maxWorkFactor: Infinity,
    });
  } else {
    nquads = await jsonld.canonize(JSON.parse(readFileSync(file, 'utf8')), {
      algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true,
    });
  }
  process.stdout.write(nquads);
} catch(e) {
  console.error(e.message || String(e));
  process.exit(1);
}
