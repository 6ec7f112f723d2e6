"use strict";

/** Returns a greeting for the given name. */
function hello(name) {
  return `Hello, ${name}!`;
}

module.exports = { hello };
