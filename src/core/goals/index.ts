/**
 * Savings goals: a target amount and date, progress from an account balance or a tag's total,
 * and the monthly saving still required (rounded up to the minor unit).
 */
export { addGoal, listGoals, getGoal, removeGoal, goalStatus, goalsStatus, monthsLeft, type NewGoal, type Goal, type GoalStatus } from './goals.js';
