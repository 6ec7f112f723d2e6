if (require("./index.js").hello() !== "hello") { process.exit(1); }
console.log("@acme-org/a-classic tests passed");
