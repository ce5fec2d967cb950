#!/usr/bin/env node
import('../dist/main/cli.js').then((entry) => entry.main(process.argv)).catch((error) => {
  process.stderr.write(`stepwise: could not start (${error && error.message ? error.message : error}); run "npm run build" first\n`);
  process.exitCode = 2;
});
