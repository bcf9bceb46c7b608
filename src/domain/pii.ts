/** Contact details as people type them: found and masked wherever text leaves our hands (prompts, logs). */

export const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** Ten or more digits in any script, with the spaces, dots, dashes and brackets people write phones with. */
export const PHONE_PATTERN = /(?:\+|00)?(?:\p{Nd}[\s.()-]{0,2}){10,14}/gu;

/** The text with emails and phone numbers replaced by `[email]` and `[phone]`. */
export function maskContacts(text: string): string {
  return text.replace(EMAIL_PATTERN, '[email]').replace(PHONE_PATTERN, ' [phone] ');
}
