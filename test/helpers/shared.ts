// Where the workplace's shared inputs live: ../shared beside the repository (the corpus and the
// ground-truth facts are test input only, never part of the project).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED = resolve(REPO_ROOT, '../shared');
export const CORPUS = resolve(SHARED, 'corpus');
export const GROUND_TRUTH = resolve(SHARED, 'ground-truth/facts.json');
