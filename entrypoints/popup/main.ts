import { isErrorResponse, type ResponseMap } from '@/src/messages';
import { renderAnnotationList } from './list';

/** The toolbar popup: asks the background for everything stored and lists it. */
async function main() {
  const app = document.getElementById('app')!;
  const response = (await browser.runtime.sendMessage({ type: 'annotations/all' })) as
    | ResponseMap['annotations/all']
    | { error: string };
  if (isErrorResponse(response)) {
    app.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: response.error }));
    return;
  }
  renderAnnotationList(app, response);
}

void main();
