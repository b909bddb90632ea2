import type { Request, RequestType, Response } from '@/src/messages';

const NO_ANSWER = { error: 'Clearmark’s background did not answer, so this change may not have been saved. Reload the page to check.' };

/**
 * Sends a request to the background, which owns the database. Typed by request type.
 * When no answer comes (the MV3 worker was stopped mid-request and the channel closed), it asks
 * once more: the next message restarts the worker, and every write is idempotent (creates carry
 * their id, updates and deletes name theirs). A second silence becomes an error the reader sees.
 */
export async function ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const answer = (await browser.runtime.sendMessage(request)) as Response<T> | undefined;
      if (answer !== undefined) return answer;
    } catch {
      // channel closed before an answer: try again below
    }
    if (attempt === 0) await new Promise((r) => setTimeout(r, 250));
  }
  return NO_ANSWER;
}
