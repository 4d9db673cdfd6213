export { parseMessage, MAX_MESSAGE_LENGTH, type ParseOptions, type Suggestion, type SplitHint, type RepaymentHint } from './parse-message.js';
export { CategoryLearner } from './learner.js';
export { categoryFromKeywords, knownMerchant } from './categorize.js';
export { entryType, type EntryType } from './kind.js';
export { findAmount } from './amount.js';
export { findDate } from './dates.js';
export { findMentions, findTags } from './entities.js';
