if (require("./index.js").hello() !== "hello") { process.exit(1); }
console.log("widget-pnpm tests passed");
