const p = require("./index.js");
console.log("@acme-org/ws-b " + p.version() + " tests passed, with @acme-org/ws-c " + p.dependency());
