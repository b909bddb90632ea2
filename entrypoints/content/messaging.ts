import type { Request, RequestType, Response } from '@/src/messages';

/** Sends a request to the background, which owns the database. Typed by request type. */
export function ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>> {
  return browser.runtime.sendMessage(request) as Promise<Response<T>>;
}
