#!/usr/bin/env node
// A real kill -9 at a chosen moment, for tests only: runs a command of the built CLI (run, resume or drill)
// in this process with a decorator on its event sink that SIGKILLs this very process right after the event
// `<type>:<step-id>` is journaled. Nothing is cleaned up (lock, reports, children), as when a laptop dies.
//
//   node test/support/kill-after.mjs <type>:<step-id> <run|resume|drill> '<options as JSON>' [runbook]
import { fileURLToPath, pathToFileURL } from 'node:url';

const [target, command, optionsJson, reference] = process.argv.slice(2);
const dist = fileURLToPath(new URL('../../dist/commands/', import.meta.url));
const options = JSON.parse(optionsJson ?? '{}');
const decorate = {
  sink: (emit) => (event) => {
    emit(event);
    if (target === `${event.type}:${event.stepId ?? ''}`) process.kill(process.pid, 'SIGKILL');
  },
};
const load = (name) => import(pathToFileURL(`${dist}${name}.js`).href);
if (command === 'run') process.exitCode = await (await load('run')).runCommand(reference, options, decorate);
else if (command === 'resume')
  process.exitCode = await (await load('resume')).resumeCommand(reference, options, decorate);
else if (command === 'drill') process.exitCode = await (await load('drill')).drillCommand(options, decorate);
else throw new Error(`unknown command ${command}`);
