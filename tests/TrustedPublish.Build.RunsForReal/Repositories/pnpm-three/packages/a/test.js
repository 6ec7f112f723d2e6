const p = require("./index.js");
console.log("@acme-org/ws-a " + p.version() + " tests passed, with @acme-org/ws-b " + p.dependency());
