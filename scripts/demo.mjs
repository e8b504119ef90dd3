#!/usr/bin/env node
// Quick start, command 1: install, build the console and the H5 mini-program, start on the embedded database with demo data.
import { ensureConsoleBuild, ensureDependencies, ensureMiniappBuild, mustRun, say } from './lib.mjs';

ensureDependencies();
ensureConsoleBuild();
ensureMiniappBuild();
say('Starting Orderloop on PGlite with the demo businesses (Ctrl-C to stop)…');
mustRun(process.execPath, ['--import', 'tsx', 'packages/server/src/cli.ts', 'start', '--demo']);
