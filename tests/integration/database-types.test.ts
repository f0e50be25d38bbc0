// src/lib/supabase/database.types.ts must be what `npm run gen:types` produces from the
// migrations: regenerated against the stack under test and compared byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes, TYPES_FILE } from '../../scripts/gen-types.ts';
import { target } from './support/target.ts';

// Generating types needs the database URL (always known for the local stack; SUPABASE_DB_URL
// for another stack).
describe.runIf(Boolean(target.dbUrl))('the generated database types', () => {
	it('match the migrations of the stack under test (run `npm run gen:types` if not)', async () => {
		const generated = await generateTypes(target.dbUrl);
		expect(readFileSync(TYPES_FILE, 'utf8')).toBe(generated);
	}, 120_000);
});
