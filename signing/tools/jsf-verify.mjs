// Cross-check a single top-level JSF signature with Node.js alone (no packages):
//   node jsf-verify.mjs FILE.json [JWKS.json]
import { readFileSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';

// RFC 8785: JSON.stringify already writes strings and numbers canonically; sort() compares UTF-16 code units
const canon = (v) => v === null || typeof v !== 'object' ? JSON.stringify(v)
  : Array.isArray(v) ? `[${v.map(canon).join(',')}]`
  : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`;

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { value, ...signer } = doc.signature;         // the signed data has no "value" ...
const { excludes = [], ...signedSigner } = signer;  // ... and no "excludes"
const data = { ...doc, signature: signedSigner };
for (const name of excludes) delete data[name];     // nor the excluded properties

const jwks = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')).keys : [];
const jwk = jwks.find((k) => k.kid === signer.keyId) ?? signer.publicKey;
const hash = { Ed25519: null, ES256: 'sha256', ES384: 'sha384', RS256: 'sha256' }[signer.algorithm];
const ok = verify(hash, Buffer.from(canon(data), 'utf8'),
  { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
  Buffer.from(value, 'base64url'));
console.log(ok ? 'VALID' : 'INVALID');
process.exit(ok ? 0 : 1);
