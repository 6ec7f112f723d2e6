'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { hello } = require('../lib/index.js');

test('greets the world', () => assert.strictEqual(hello(), 'Hello, world!'));
