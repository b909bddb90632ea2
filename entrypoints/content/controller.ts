import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isErrorResponse } from '@/src/messages';
import { ask } from './messaging';

export async function startPage(_ctx: ContentScriptContext) {
  const page = { key: location.href.split('#')[0], url: location.href, title: document.title };
  const res = await ask({ type: 'page/visit', page });
  const n = isErrorResponse(res) ? 0 : res.annotations.length;
  await ask({ type: 'tab/status', title: `${n} highlights` });
}
