// The one check every entry point passes before any TypeScript loads: plain JavaScript, so an
// older Node prints a sentence instead of ERR_UNKNOWN_FILE_EXTENSION ".ts". bin/tessera.js imports
// it first; `npm start`'s prestart (which builds the dashboard with a .ts script) runs it as a command.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`Tessera needs Node.js 24 or newer (found ${process.version}); see the README\n`);
  process.exit(1);
}
