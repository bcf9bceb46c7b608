/** Twilio request signatures, checked with the official SDK. */
import twilio from 'twilio';

export function twilioSignatureCheck(authToken: string) {
  return (url: string, params: Record<string, string>, signature: string): boolean => twilio.validateRequest(authToken, signature, url, params);
}
