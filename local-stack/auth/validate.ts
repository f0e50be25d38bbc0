// Input checks GoTrue shares between endpoints (api/mail.go validateEmail, phone.go): an email
// is required, at most 255 characters and of checkmail's format, and is lower-cased; phone
// numbers are refused because the local stack has no SMS provider.
import { authErrors } from './errors.ts';

/** checkmail.ValidateFormat's pattern. */
const EMAIL =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function validateEmail(email: string): string {
	if (email === '') throw authErrors.validation('An email address is required');
	if (email.length > 255) throw authErrors.validation('An email address is too long');
	if (!EMAIL.test(email))
		throw authErrors.validation('Unable to validate email address: invalid format');
	return email.toLowerCase();
}

/** Phone auth needs an SMS provider, which the local stack does not have (as `[auth.sms]` off). */
export function refusePhone(): never {
	throw authErrors.phoneProviderDisabled('Phone logins are disabled', 422);
}
