import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../dialect.js';
import { idColumnType, tableOptions } from './portable.js';

/**
 * Backup policies and their runs; alert channels, rules, incidents, the outbox and its delivery
 * log. The exactly-once guarantees are unique keys here, not code: a (policy, slot, trigger) runs
 * once, a condition has one open incident (open_key is NULL once resolved, and both SQLite and
 * MySQL allow many NULLs in a unique index), and a (message, channel) is queued once.
 */
export function policiesAndAlerts(dialect: Dialect): Migration {
  const text = dialect === 'mysql' ? sql`mediumtext` : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('policy')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(64)', (c) => c.notNull())
        .addColumn('tenants', 'text', (c) => c.notNull())
        .addColumn('full_cron', 'varchar(200)', (c) => c.notNull())
        .addColumn('incremental_cron', 'varchar(200)')
        .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
        .addColumn('plus_archivelog', 'integer', (c) => c.notNull())
        .addColumn('description', 'varchar(1024)', (c) => c.notNull())
        .addColumn('sealed_password', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('catch_up_minutes', 'integer', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_ms', 'bigint', (c) => c.notNull())
        .addColumn('schedule_since_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('policy_cluster_name', ['cluster_id', 'name'])
        .modifyEnd(tableOptions(dialect))
        .execute();

      await db.schema
        .createTable('policy_run')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('policy_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('slot_ms', 'bigint', (c) => c.notNull())
        .addColumn('type', 'varchar(16)', (c) => c.notNull())
        .addColumn('run_trigger', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('tenants', text, (c) => c.notNull())
        .addColumn('completed', 'integer', (c) => c.notNull())
        .addUniqueConstraint('policy_run_once', ['policy_id', 'slot_ms', 'run_trigger'])
        .modifyEnd(tableOptions(dialect))
        .execute();
      await db.schema
        .createIndex('policy_run_page')
        .on('policy_run')
        .columns(['policy_id', 'slot_ms', 'id'])
        .execute();

      await db.schema
        .createTable('alert_channel')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('name', 'varchar(64)', (c) => c.notNull())
        .addColumn('sealed_url', 'text')
        .addColumn('masked_url', 'varchar(2048)')
        .addColumn('sealed_secret', 'text')
        .addColumn('recipients', 'text')
        .addColumn('language', 'varchar(8)', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('alert_channel_cluster_name', ['cluster_id', 'name'])
        .modifyEnd(tableOptions(dialect))
        .execute();

      await db.schema
        .createTable('alert_rule')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('name', 'varchar(64)', (c) => c.notNull())
        .addColumn('tenants', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('severity', 'varchar(16)', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('muted_until_ms', 'bigint')
        .addColumn('remind_every_minutes', 'integer')
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_ms', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('alert_rule_cluster_name', ['cluster_id', 'name'])
        .modifyEnd(tableOptions(dialect))
        .execute();

      await db.schema
        .createTable('alert_incident')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('rule_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('incident_key', 'varchar(255)', (c) => c.notNull())
        .addColumn('open_key', 'varchar(255)')
        .addColumn('tenant_id', 'bigint')
        .addColumn('tenant_name', 'varchar(128)')
        .addColumn('condition_json', text, (c) => c.notNull())
        .addColumn('opened_ms', 'bigint', (c) => c.notNull())
        .addColumn('resolved_ms', 'bigint')
        .addColumn('last_notified_ms', 'bigint')
        .addColumn('reminders', 'integer', (c) => c.notNull())
        .addUniqueConstraint('alert_incident_open_once', ['open_key'])
        .modifyEnd(tableOptions(dialect))
        .execute();
      await db.schema
        .createIndex('alert_incident_cluster_opened')
        .on('alert_incident')
        .columns(['cluster_id', 'opened_ms'])
        .execute();

      await db.schema
        .createTable('alert_outbox')
        .addColumn('id', 'varchar(191)', (c) => c.primaryKey())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('channel_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('message_id', 'varchar(150)', (c) => c.notNull())
        .addColumn('message_json', text, (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_ms', 'bigint', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('last_error', 'text', (c) => c.notNull())
        .addColumn('claimed_until_ms', 'bigint', (c) => c.notNull())
        .modifyEnd(tableOptions(dialect))
        .execute();
      await db.schema
        .createIndex('alert_outbox_due')
        .on('alert_outbox')
        .columns(['state', 'next_attempt_ms'])
        .execute();

      await db.schema
        .createTable('alert_delivery')
        .addColumn('id', idColumnType(dialect), (c) => c.primaryKey().autoIncrement())
        .addColumn('entry_id', 'varchar(191)', (c) => c.notNull())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('channel_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('message_id', 'varchar(150)', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .modifyEnd(tableOptions(dialect))
        .execute();
      await db.schema
        .createIndex('alert_delivery_cluster_at')
        .on('alert_delivery')
        .columns(['cluster_id', 'at_ms'])
        .execute();
    },
  };
}
