#!/usr/bin/env node
// Quick start, command 1: install, build the console, start on the embedded database with demo data.
import { ensureConsoleBuild, ensureDependencies, mustRun, say } from './lib.mjs';

ensureDependencies();
ensureConsoleBuild();
say('Starting Orderloop on PGlite with the demo businesses (Ctrl-C to stop)…');
mustRun(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'start', '--demo']);
