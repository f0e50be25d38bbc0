// Default locations: the repository's supabase/ folder and a git-ignored data folder beside it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_WORKDIR = join(REPO_ROOT, 'supabase');
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.local-stack', 'data');
