const b = require("@acme-org/b-yarn");
if (require("./index.js").hello() !== "hello" || typeof b.version() !== "string") { process.exit(1); }
console.log("@acme-org/a-yarn tests passed, with @acme-org/b-yarn " + b.version());
