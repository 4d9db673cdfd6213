export { readMail, htmlToText, headerDay, type MailContent } from './text.js';
export { parseMail, lastDigits, type ParsedMail, type ParseContext, type AccountHint, type SenderTemplate, type Evidence } from './parse.js';
export { judge, sameMerchant, type MailTruth } from './evaluate.js';
