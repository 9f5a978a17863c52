// Usage: node audit.mjs URL
// Runs every graphql-http server audit (MUST, SHOULD and MAY) against URL,
// prints each result and exits 1 if any of them failed.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const audits = serverAudits({ url, fetchFn: fetch });
let passed = 0;
let failed = 0;
for (const { id, name, fn } of audits) {
  // Sequential on purpose: output order is stable and the server sees one
  // request at a time, which keeps failures easy to correlate with its logs.
  let result;
  try {
    result = await fn();
  } catch (err) {
    // graphql-http rethrows anything that is not an assertion (e.g. a refused connection).
    failed++;
    console.log(`FAIL ${id} ${name}: fatal: ${err && err.stack ? err.stack : err}`);
    continue;
  }
  if (result.status === 'ok') {
    passed++;
    console.log(`ok   ${id} ${name}`);
    continue;
  }
  failed++;
  console.log(`FAIL ${id} ${name} [${result.status}]: ${result.reason}`);
  if (result.response) {
    const body = await result.response.text().catch(() => '<unreadable body>');
    console.log(`     status ${result.response.status}, content-type ${result.response.headers.get('content-type')}`);
    console.log(`     body ${body}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
