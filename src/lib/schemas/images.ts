// Form fields holding a picture people upload (avatars, event images), for the actions' zod
// schemas; the rule itself (type, size) is image-rules.ts, which the browser checks at once.
import { z } from 'zod';
import { imageProblem, isEmptyFile } from './image-rules.ts';
import type { ImageRule } from './image-rules.ts';

export { imageProblem, isEmptyFile };
export type { ImageRule };

/** A form field holding an optional picture: null when none was chosen, the File otherwise. */
export function optionalImage(rule: ImageRule) {
	return z
		.unknown()
		.optional()
		.transform((value, context): File | null => {
			if (isEmptyFile(value)) return null;
			if (!(value instanceof File)) {
				context.addIssue({ code: 'custom', message: rule.messages.badType });
				return z.NEVER;
			}
			const problem = imageProblem(value, rule);
			if (problem) {
				context.addIssue({ code: 'custom', message: problem });
				return z.NEVER;
			}
			return value;
		});
}

/** Same, when a picture is required. */
export function requiredImage(rule: ImageRule, required: string) {
	return optionalImage(rule).pipe(z.instanceof(File, { error: required }));
}
