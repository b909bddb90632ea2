import type { Request, Response } from '@/src/messages';

/** Sends a request to the background, which owns the database. Typed by request type. */
export function ask<R extends Request>(request: R): Promise<Response<R['type']>> {
  return browser.runtime.sendMessage(request) as Promise<Response<R['type']>>;
}
