export { CronError, parseCron, runsOnDay, type CronSpec } from './cron.js';
export { isTimeZone, wallTimeAt, formatWall, type WallTime } from './zoned-time.js';
export {
  checkedCron,
  cronInstants,
  dueSlots,
  nextSlots,
  policySlots,
  type DueSlots,
  type Schedules,
  type Slot,
  type SlotType,
} from './slots.js';
