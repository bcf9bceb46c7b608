/**
 * The conversation: messages come in through the inbox, turns answer them. Transports use only
 * what is exported here.
 */
export { Inbox, conversationIdFor, type InboundMessage, type Received } from './inbox.js';
export { runTurn, replyIdFor, type TurnDeps } from './turn.js';
export { INTENTS, type Intent } from './intents.js';
export { formatRupees, formatDay } from './format.js';
