const b = require("@acme-org/b-bun");
if (require("./index.js").hello() !== "hello" || typeof b.version() !== "string") { process.exit(1); }
console.log("@acme-org/a-bun tests passed, with @acme-org/b-bun " + b.version());
