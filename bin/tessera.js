#!/usr/bin/env node
// The one entry point. It runs dist/ when that is a build of exactly the current sources (npm
// start's prestart makes one: compiled JavaScript starts faster and holds ~20 MB less than the
// sources run through Node's type stripping, ADR 0023), and otherwise the TypeScript sources
// directly. The version check is a static import, evaluated before anything else: this file is
// the one older Node versions must get through.
import './require-node24.js';
import { pathToFileURL } from 'node:url';
import { currentServerBuild } from './server-build.js';

const build = currentServerBuild();
import(build ? pathToFileURL(build).href : '../src/main.ts');
