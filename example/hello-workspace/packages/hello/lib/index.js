'use strict';

const { greet } = require('@trustedpublish-example/greeting');

/** The greeting for the world. */
exports.hello = () => greet('world');
