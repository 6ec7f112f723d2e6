const b = require("@acme-org/b-npm");
if (require("./index.js").hello() !== "hello" || typeof b.version() !== "string") { process.exit(1); }
console.log("@acme-org/a-npm tests passed, with @acme-org/b-npm " + b.version());
