import { storage } from 'wxt/utils/storage';
import type { Colour } from '@/src/messages';

/** What each colour means to the reader ("yellow = to check"), set on the options page, shown in the popup. */
export const colourLabels = storage.defineItem<Partial<Record<Colour, string>>>('local:colourLabels', { fallback: {} });
