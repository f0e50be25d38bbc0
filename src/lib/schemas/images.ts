// Form fields holding a picture people upload (avatars, event images), for the actions' zod
// schemas; the rule itself (type, size) is image-rules.ts, which the browser checks at once.
import * as z from 'zod/mini';
import { refuse } from './fields.ts';
import { imageProblem, isEmptyFile } from './image-rules.ts';
import type { ImageRule } from './image-rules.ts';

export { imageProblem, isEmptyFile };
export type { ImageRule };

/** A form field holding an optional picture: null when none was chosen, the File otherwise. */
export function optionalImage(rule: ImageRule) {
	return z.pipe(
		z.optional(z.unknown()),
		z.transform((value: unknown, context): File | null => {
			if (isEmptyFile(value)) return null;
			if (!(value instanceof File)) return refuse(context, rule.messages.badType);
			const problem = imageProblem(value, rule);
			return problem ? refuse(context, problem) : value;
		})
	);
}

/** Same, when a picture is required. */
export function requiredImage(rule: ImageRule, required: string) {
	return z.pipe(optionalImage(rule), z.instanceof(File, { error: required }));
}
