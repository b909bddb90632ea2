export { renderNote } from './render';
