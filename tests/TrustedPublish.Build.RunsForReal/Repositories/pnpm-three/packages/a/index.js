exports.version = () => require("./package.json").version;
exports.dependency = () => require("@acme-org/ws-b").version();
