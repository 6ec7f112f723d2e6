"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { hello } = require("../lib/index.js");

test("hello greets by name", () => {
  assert.strictEqual(hello("npm"), "Hello, npm!");
});
