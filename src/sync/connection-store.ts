import type { Annotation, ParsedRequest, PageInfo } from '../messages';
import type { Connection } from '../store';
import type { LocalStore } from './local-store';

/**
 * The local store for sync, over the background's connection: writes go through the store's
 * own requests (restore puts an annotation back exactly; delete; an import of one page record),
 * so the store's ledger and backup see them like any other write.
 */
export function connectionStore(connection: Connection): LocalStore {
  const ask = async (request: ParsedRequest) => {
    const response = await connection.answer(request);
    if (response && typeof response === 'object' && 'error' in response) throw new Error(String(response.error));
    return response;
  };
  return {
    async all() {
      return (await ask({ type: 'annotations/all' })) as Awaited<ReturnType<LocalStore['all']>>;
    },
    async getAnnotation(id: string) {
      return (await connection.get()).get('annotations', id);
    },
    async putAnnotation(annotation: Annotation) {
      await ask({ type: 'annotation/restore', annotation });
    },
    async deleteAnnotation(id: string) {
      await ask({ type: 'annotation/delete', id });
    },
    async putPage(page: PageInfo) {
      await ask({ type: 'annotations/import', annotations: [], pages: [page] });
    },
  };
}
