export { parseDocument } from './parse.js';
export { readDate, readAmount, learnDateOrder, learnDecimalMark } from './tokens.js';
