// What the documents forms accept: renaming, and the id of the document an action is about.
import * as z from 'zod/mini';
import { requiredText, uuid } from './fields.ts';

export const renameDocumentSchema = z.object({ id: uuid, name: requiredText(255) });

export const documentRef = z.object({ id: uuid });
