/** Queue names and job payloads, shared by whoever enqueues and whoever works. */
export const QUEUES = {
  /**
   * "Answer what this conversation has waiting", queued once per inbound message (job id = the
   * message id, so a retried webhook adds nothing) and by the sweeper for stragglers.
   */
  turns: 'turns',
  /** "Send what this conversation has queued", once per reply (job id = the reply's id). */
  sends: 'sends',
} as const;

export interface TurnJob {
  conversationId: string;
}

/** Tries per send; the delay doubles from the queue's default base. */
export const SEND_ATTEMPTS = 5;

export interface SendJob {
  conversationId: string;
}
