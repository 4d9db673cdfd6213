/** PDF statements: decrypt + extract (pdf.js, OCR for image pages) and the layout-aware parser. */
export { extractPdf, type ExtractPdfOptions } from './pdf/extract.js';
export { parseDocument } from './system-parser/index.js';
