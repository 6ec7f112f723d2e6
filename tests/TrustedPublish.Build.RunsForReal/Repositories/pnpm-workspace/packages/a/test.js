const b = require("@acme-org/b-pnpm");
if (require("./index.js").hello() !== "hello" || typeof b.version() !== "string") { process.exit(1); }
console.log("@acme-org/a-pnpm tests passed, with @acme-org/b-pnpm " + b.version());
