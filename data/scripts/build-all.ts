// Runs every numbered build step in data/scripts (NN-name.ts) in order, each in its own process.
import { runSteps } from './run-steps.ts';

runSteps(import.meta.dirname);
