#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping); no build step. This file is the
// one older Node versions must get through: the version check is a static import, evaluated before
// the dynamic import of the sources below.
import './require-node24.js';

import('../src/main.ts');
