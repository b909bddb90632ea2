import type { Request, RequestType, Response } from '@/src/messages';

/**
 * Sends a request to the background, which owns the database. Typed by request type.
 * No answer at all (the MV3 worker was stopped mid-request and the channel closed) becomes an
 * error the reader is shown, never a silent TypeError: the write may or may not have landed.
 */
export async function ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>> {
  const noAnswer = { error: 'Clearmark’s background did not answer, so this change may not have been saved. Reload the page to check.' };
  try {
    return ((await browser.runtime.sendMessage(request)) as Response<T> | undefined) ?? noAnswer;
  } catch {
    return noAnswer;
  }
}
