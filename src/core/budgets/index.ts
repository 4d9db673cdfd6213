/**
 * Budgets: templates (built-in and the user's own YAML/JSON files), applying one to a month,
 * tracking (allocated, spent, remaining, rollover, over-budget warnings) and suggestions from
 * history (rules, or the AI layer with fallback). Goals (a target amount and date,
 * progress from an account balance or a tag's total, the monthly saving still required) too.
 */
export {
  templateSchema,
  parseTemplateText,
  BUILTIN_TEMPLATES,
  isBuiltinTemplate,
  NEEDS,
  WANTS,
  SAVINGS,
  type TemplateDefinition,
  type TemplateLine,
  type ParsedTemplate,
  type BuiltinTemplateName,
} from './template.js';
export { type Plan, type PlannedLine, monthsUntil } from './plan.js';
export { median, trendOf, history, type History, type CategoryHistory } from './history.js';
export {
  listTemplates,
  getTemplate,
  addTemplate,
  addTemplateFile,
  removeTemplate,
  getBudget,
  listBudgets,
  planTemplate,
  applyTemplate,
  setBudgetLine,
  deleteBudget,
  budgetStatus,
  noBudgetMessage,
  type TemplateInfo,
  type Budget,
  type BudgetLine,
  type ApplyOptions,
  type ApplyResult,
  type BudgetStatus,
  type StatusLine,
} from './budgets.js';
export { suggestBudget, applySuggestion, type BudgetSuggestion, type SuggestedLine, type SuggestOptions } from './suggest.js';
export { addGoal, listGoals, getGoal, removeGoal, goalStatus, goalsStatus, monthsLeft, type NewGoal, type Goal, type GoalStatus } from './goals.js';
