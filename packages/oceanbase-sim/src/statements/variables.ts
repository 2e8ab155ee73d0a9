import { VERSION_COMMENT } from '../config.js';

/** Session system variables a client may read on connect (names lower case). */
export function defaultSysvars(
  serverVersion: string,
  oracle: boolean,
  port: number,
): Map<string, string | number> {
  return new Map<string, string | number>([
    ['auto_increment_increment', 1],
    ['auto_increment_offset', 1],
    ['autocommit', 1],
    ['character_set_client', 'utf8mb4'],
    ['character_set_connection', 'utf8mb4'],
    ['character_set_database', 'utf8mb4'],
    ['character_set_results', 'utf8mb4'],
    ['character_set_server', 'utf8mb4'],
    ['character_set_system', 'utf8mb4'],
    ['collation_connection', 'utf8mb4_general_ci'],
    ['collation_database', 'utf8mb4_general_ci'],
    ['collation_server', 'utf8mb4_general_ci'],
    ['explicit_defaults_for_timestamp', 1],
    ['foreign_key_checks', 1],
    ['group_concat_max_len', 1024],
    ['hostname', 'obsim'],
    ['init_connect', ''],
    ['interactive_timeout', 28800],
    ['last_insert_id', 0],
    ['license', ''],
    ['lower_case_table_names', 1],
    ['max_allowed_packet', 16777216],
    ['net_buffer_length', 16384],
    ['net_read_timeout', 30],
    ['net_write_timeout', 60],
    ['ob_compatibility_mode', oracle ? 'ORACLE' : 'MYSQL'],
    ['ob_query_timeout', 10000000],
    ['ob_trx_timeout', 86400000000],
    ['ob_tcp_invited_nodes', '%'],
    ['performance_schema', 0],
    ['port', port],
    ['query_cache_size', 0],
    ['query_cache_type', 'OFF'],
    ['read_only', 0],
    ['sql_auto_is_null', 0],
    [
      'sql_mode',
      oracle
        ? 'PIPES_AS_CONCAT,STRICT_ALL_TABLES,PAD_CHAR_TO_FULL_LENGTH'
        : 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE',
    ],
    ['sql_select_limit', '18446744073709551615'],
    ['sql_warnings', 0],
    ['system_time_zone', '+08:00'],
    ['time_zone', '+08:00'],
    ['transaction_isolation', 'READ-COMMITTED'],
    ['transaction_read_only', 0],
    ['tx_isolation', 'READ-COMMITTED'],
    ['tx_read_only', 0],
    ['version', serverVersion],
    ['version_comment', VERSION_COMMENT],
    ['version_compile_machine', 'x86_64'],
    ['version_compile_os', 'Linux'],
    ['wait_timeout', 28800],
  ]);
}

/** MySQL LIKE (case-insensitive, % and _, backslash escapes) as a RegExp. */
export function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) {
      re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}
