import twilio from 'twilio';

/**
 * Twilio signs each webhook with the account's auth token over the exact URL it called plus the POST
 * parameters; the URL is PUBLIC_BASE_URL + path, since behind a proxy the request's own host is not it.
 */
export function isValidTwilioSignature(authToken: string | undefined, signature: string | undefined, url: string, params: Record<string, unknown>): boolean {
  if (!authToken || !signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** A TwiML answer to an inbound SMS: one reply message, or none. */
export function twimlReply(text?: string): string {
  const response = new twilio.twiml.MessagingResponse();
  if (text) response.message(text);
  return response.toString();
}
