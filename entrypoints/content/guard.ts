import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Hardening (issue #7): a page must not be able to switch Clearmark off.
 *
 * WXT stops a running content script when a newer copy of it announces itself with a DOM event
 * on `document` (`<extension id>:content:wxt:content-script-started`, detail
 * `{ contentScriptName, messageId }`). Any page script can dispatch that event — the extension id
 * is public — and the running copy would then unpaint every highlight, undo declutter and stop
 * listening (checked in Chromium: tests/browser/isolation.test.ts).
 *
 * A genuine newer copy only exists after the extension was reloaded or updated, and by then this
 * copy has lost its connection to the extension (`browser.runtime.id` is gone). So while we are
 * still connected the event cannot be genuine: a capturing listener on `window` (which runs
 * before WXT's listener on `document`) stops it. Once we are orphaned it passes, as WXT intends.
 */
export function ignoreFakeRestarts(ctx: ContentScriptContext) {
  // WXT's own name for the event (a private static there), or the same name built as WXT does.
  const type =
    (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: string }).SCRIPT_STARTED_MESSAGE_TYPE ??
    `${browser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
  const stopFake = (event: Event) => {
    if (browser.runtime?.id == null) return; // orphaned: let the newer copy stop us
    event.stopImmediatePropagation();
  };
  window.addEventListener(type, stopFake, { capture: true, signal: ctx.signal });
}
