// French messages, one module per area of the app, gathered here. A second language is a
// sibling folder with the same shape (see ../index.ts).
import { auth } from './auth.ts';
import { coaching } from './coaching.ts';
import { common } from './common.ts';
import { companies } from './companies.ts';
import { contacts } from './contacts.ts';
import { dashboard } from './dashboard.ts';
import { documents } from './documents.ts';
import { messages } from './messages.ts';
import { notifications } from './notifications.ts';
import { plans } from './plans.ts';
import { video } from './video.ts';

export const fr = {
	common,
	auth,
	video,
	companies,
	dashboard,
	coaching,
	contacts,
	documents,
	plans,
	messages,
	notifications
} as const;
