#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'azrs.cjs');
if (!fs.existsSync(bundle)) {
    process.stderr.write('azrs: the CLI is not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
    process.exit(2);
}
require(bundle);
