/**
 * The conversation: messages come in through the inbox, turns answer them, the waiter hands
 * web chat its answer. Transports use only what is exported here.
 */
export { Inbox, type InboundMessage, type Received } from './inbox.js';
export { drainTurns, replyIdFor, replyPartIdFor, type TurnDeps } from './turn.js';
export { ReplyWaiter, type Outcome } from './reply-waiter.js';
export { INTENTS, type Intent } from './intents.js';
export { formatRupees, formatDay } from './format.js';
export { formatForChannel, splitMessage, smsShortForm } from './channel-format.js';
export { countSegments } from './sms-segments.js';
export { queueNotification, resendAsTemplate, type Notification } from './notify.js';
export { describeForecast } from './forecast-text.js';
export { translator } from './i18n.js';
export { describePrice } from './price-text.js';
