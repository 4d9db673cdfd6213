export { parseMessage, CategoryLearner, categoryFromKeywords, type Suggestion, type ParseOptions } from './rules/index.js';
export { ChatService, type ChatParseOptions, type ChatParseResult, type ParseMode } from './service.js';
export { saveSuggestion, type SaveOptions } from './save.js';
export { resolveMentions, type ResolvedMention, type MentionMatch } from './mentions.js';
export { chatHistory, getMessage, updateMessage, type ChatMessage } from './history.js';
export { editSuggestion, EDITABLE_FIELDS, type EditableField } from './edit.js';
export { learnerFromHistory, categorizeText } from './learning.js';
// Amount and date readers, for other modules that read money in text (mail alerts).
export { findAmount, findDate } from './rules/index.js';
