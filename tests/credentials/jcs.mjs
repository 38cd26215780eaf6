// Prints the RFC 8785 canonical form of a JSON file, computed by the npm `canonicalize` package
// (the implementation @digitalbazaar/eddsa-jcs-2022-cryptosuite uses). kaoping's C++ JCS is
// compared against it in src/credentials/interop_test.cc.
//
//   node jcs.mjs <file.json>
import {readFileSync} from 'node:fs';
import canonicalize from 'canonicalize';

process.stdout.write(canonicalize(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
