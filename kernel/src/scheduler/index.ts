export { Scheduler, type ScheduledJob, type Task, type TaskContext } from './Scheduler.js';
export { parseCron, nextCronTime, type CronSchedule } from './cron.js';
