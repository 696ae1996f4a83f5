// Runs every numbered build step in geo/scripts (NN-name.ts) in order, each in its own process,
// so a step can be run and debugged alone: `npx tsx geo/scripts/10-boundaries.ts`.
import { runSteps } from '../../data/scripts/run-steps.ts';

runSteps(import.meta.dirname);
