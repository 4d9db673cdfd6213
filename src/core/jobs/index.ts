export { enqueue, claimNext, completeJob, failJob, heartbeat, recoverAbandoned, getJob, listJobs, retryJob, cancelJob, workerId, claimJob, type Job, type EnqueueResult } from './queue.js';
export {
  watchInbox,
  InboxWorker,
  queueInboxFile,
  queueTwin,
  runStatementJob,
  retryStatementJob,
  accountFor,
  isStatementFile,
  STATEMENT_JOB,
  type InboxOptions,
  type InboxRule,
  type InboxEvent,
  type StatementJobPayload,
} from './inbox.js';
