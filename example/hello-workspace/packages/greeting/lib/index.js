'use strict';

/** The greeting for a name. */
exports.greet = (name) => `Hello, ${name}!`;
