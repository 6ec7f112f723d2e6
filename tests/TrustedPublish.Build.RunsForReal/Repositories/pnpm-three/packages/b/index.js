exports.version = () => require("./package.json").version;
exports.dependency = () => require("@acme-org/ws-c").version();
