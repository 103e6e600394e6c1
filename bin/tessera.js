#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping); no build step. This file is the
// one older Node versions must get through: plain JavaScript that checks the version before
// anything else loads (a static import would be loaded first), so an old Node prints a sentence
// instead of ERR_UNKNOWN_FILE_EXTENSION ".ts".
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`Tessera needs Node.js 24 or newer (found ${process.version}); see the README\n`);
  process.exit(1);
}
import('../src/main.ts');
