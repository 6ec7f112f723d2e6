// Starts Verdaccio (node verdaccio-child.js --config FILE --listen HOST:PORT) for the RunsForReal tests, and ends it
// when the test host that started it is gone: the tests' cleanups kill it, but a test host killed outright runs none.
"use strict";
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    process.exit(0);
  }
}, 500).unref();
require("verdaccio/bin/verdaccio");
