/**
 * Lets a web chat request wait for its answer. The turn may run in another process, so the
 * waiter reads the stored reply; a turn in this process wakes it at once instead of at the
 * next read.
 */
import { AppError } from '../domain/errors.js';
import type { Message } from '../domain/message.js';
import type { Repositories } from '../storage/repositories.js';
import { replyIdFor } from './turn.js';

export type Outcome = { reply: Message } | { dropped: true };

export class ReplyWaiter {
  private readonly wakers = new Map<string, Set<() => void>>();

  constructor(private readonly repos: Repositories) {}

  /** Called by turns in this process when a message has its outcome. */
  readonly notify = (messageId: string): void => {
    for (const wake of this.wakers.get(messageId) ?? []) wake();
  };

  async wait(messageId: string, timeoutMs: number): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const reply = await this.repos.messages.get({ messageId: replyIdFor(messageId) });
      if (reply) return { reply };
      const inbound = await this.repos.messages.get({ messageId });
      if (inbound?.status === 'dropped' || inbound?.status === 'answered') return { dropped: true };
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new AppError('CHAT.TIMEOUT', 'The answer is taking too long; ask again in a moment.', { status: 504, metadata: { messageId } });
      }
      await this.sleep(messageId, Math.min(delay, left));
    }
  }

  private sleep(messageId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.wakers.get(messageId) ?? new Set();
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) this.wakers.delete(messageId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
      this.wakers.set(messageId, set);
    });
  }
}
