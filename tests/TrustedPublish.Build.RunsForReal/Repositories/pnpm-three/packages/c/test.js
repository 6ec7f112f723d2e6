console.log("@acme-org/ws-c " + require("./index.js").version() + " tests passed");
