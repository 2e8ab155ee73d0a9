import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../dialect.js';
import { idColumnType, tableOptions } from './portable.js';

/** The audit trail: events, their tenants, and the chain heads. */
export function auditTrail(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_event')
        .addColumn('id', idColumnType(dialect), (c) => c.primaryKey().autoIncrement())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'varchar(255)', (c) => c.notNull())
        .addColumn('client_address', 'varchar(64)')
        .addColumn('user_agent', 'varchar(512)')
        .addColumn('request_id', 'varchar(128)')
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('tenants', 'text', (c) => c.notNull())
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('error_code', 'varchar(64)')
        .addColumn('details', dialect === 'mysql' ? sql`mediumtext` : 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'char(64)', (c) => c.notNull())
        .addColumn('hash', 'char(64)', (c) => c.notNull())
        .addUniqueConstraint('audit_event_chain', ['cluster_id', 'seq'])
        .modifyEnd(tableOptions(dialect))
        .execute();
      await db.schema
        .createIndex('audit_event_cluster_id')
        .on('audit_event')
        .columns(['cluster_id', 'id'])
        .execute();
      await db.schema
        .createIndex('audit_event_cluster_time')
        .on('audit_event')
        .columns(['cluster_id', 'time_ms'])
        .execute();

      await db.schema
        .createTable('audit_event_tenant')
        .addColumn('event_id', 'bigint', (c) => c.notNull())
        .addColumn('cluster_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('tenant', 'varchar(128)', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_event_tenant_pk', ['event_id', 'tenant'])
        .modifyEnd(tableOptions(dialect))
        .execute();
      await db.schema
        .createIndex('audit_event_tenant_lookup')
        .on('audit_event_tenant')
        .columns(['cluster_id', 'tenant', 'event_id'])
        .execute();

      await db.schema
        .createTable('audit_chain')
        .addColumn('cluster_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('head_seq', 'bigint', (c) => c.notNull())
        .addColumn('head_hash', 'char(64)', (c) => c.notNull())
        .addColumn('anchor_seq', 'bigint', (c) => c.notNull())
        .addColumn('anchor_hash', 'char(64)', (c) => c.notNull())
        .modifyEnd(tableOptions(dialect))
        .execute();
    },
  };
}
