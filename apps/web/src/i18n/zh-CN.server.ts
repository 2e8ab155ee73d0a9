import type { Messages } from './en';
import type { enServer } from './en.server';

/**
 * BFF 与 OceanBase 所说内容的中文：错误码处理建议、各错误码与前置检查的句子（由 code 与 params
 * 生成）以及 OceanBase 枚举值的显示名。术语依据 OceanBase 中文文档，见 docs/glossary.md。
 */
export const zhCNServer: Pick<Messages, keyof typeof enServer> = {
  errors: {
    hint: {
      UNAUTHENTICATED: '会话已过期，请重新登录。',
      LOGIN_FAILED: '请检查租户、用户名和密码：该用户必须存在于该租户中。',
      RATE_LIMITED: '请等到上面显示的时间后再试。',
      DATABASE_UNAVAILABLE:
        '控制台无法连接 OceanBase 集群。请确认 observer（或 OBProxy）正在运行且网络可达，然后重试。',
      NETWORK_ERROR: '控制台服务无响应。请检查网络以及控制台是否在运行，然后重试。',
      FORBIDDEN: '当前数据库账号没有 ALTER SYSTEM 权限，请使用具备该权限的账号。',
      VALIDATION_FAILED: '请修正输入后重试。',
      MALFORMED_JSON: '请求无法解析，请刷新页面后重试。',
      PAYLOAD_TOO_LARGE: '请求过大，请缩短输入后重试。',
      CROSS_ORIGIN_REJECTED: '请求并非来自控制台自身的地址，请刷新页面。',
      NOT_FOUND: '该对象可能已被删除，请返回列表。',
      INVALID_CURSOR: '该分页链接已失效，请回到第一页。',
      IDEMPOTENCY_CONFLICT: '此请求已以不同的参数发送过，请关闭对话框后重新开始。',
      TENANT_NOT_FOUND: '该租户已不存在，请刷新租户列表。',
      NOT_A_USER_TENANT: '只有用户租户需要备份；sys 租户和 meta 租户会随之备份。',
      TENANT_NOT_NORMAL: '租户不处于正常状态（创建中、恢复中或删除中），请在其恢复正常后重试。',
      LOG_ARCHIVE_NOT_DOING:
        '日志归档必须处于归档中状态。请执行 ALTER SYSTEM ARCHIVELOG 开启归档后重试。',
      BACKUP_DEST_NOT_SET:
        '请先执行 ALTER SYSTEM SET DATA_BACKUP_DEST 设置数据备份目的端，然后重试。',
      BACKUP_IN_PROGRESS: '该租户已有备份在运行。请等待其结束，或在“备份进度”页停止备份。',
      NO_FULL_BACKUP: '增量备份需要先有一个成功的全量备份，请先发起全量备份。',
      NO_ELIGIBLE_TENANT:
        '没有租户满足备份条件。请检查各租户的归档状态、备份目的端以及正在运行的备份。',
      OCEANBASE_ERROR: 'OceanBase 拒绝了该语句。请根据其错误信息排除原因后重试。',
      DATABASE_BUSY: '数据库响应缓慢，您的请求正在排队。请稍候再试。',
      STORE_UNAVAILABLE:
        '操作未执行。请稍后重试；如果一直如此，请控制台管理员检查控制台存储（DATA_DIR 或 STORE_URL）。',
      NO_SERVICE_ACCOUNT:
        '备份策略以集群的服务账号运行。请控制台管理员配置服务账号（CLUSTERS_FILE 中的 serviceAccount，或 OB_SERVICE_USER），或先以暂停状态保存策略。',
      POLICY_NAME_TAKEN: '该集群已有同名策略，请换一个名称。',
      TOO_MANY_SESSIONS:
        '该数据库账号打开的会话过多。请在不再使用的地方退出登录，或等待空闲会话过期。',
      TOO_MANY_STREAMS: '此登录下实时查看的控制台标签页过多。请关闭部分标签页后刷新。',
      TOO_MANY_CONNECTIONS: '控制台的连接数过多。请关闭其他标签页或客户端后重试。',
      MISDIRECTED_REQUEST: '请通过控制台自身的地址访问；或请管理员将此主机名加入 ALLOWED_HOSTS。',
      INTERNAL: '控制台服务出错。请重试；若持续失败，请查看服务端日志。',
      BAD_RESPONSE: '控制台服务返回了意外的响应。请重试；若持续失败，请查看服务端日志。',
    },
  },
  obHint: {
    '-9029': '备份过程中日志归档停止了；请执行 ALTER SYSTEM ARCHIVELOG 重新开启归档后重试。',
    '-9027': '备份过程中日志归档中断；请查看 CDB_OB_ARCHIVELOG，使归档恢复为归档中状态后重试。',
    '-4012': '操作超时：集群或备份目的端过慢。请检查其负载后重试。',
    '-4009': '读写备份目的端失败；请确认目的端已挂载且可写，然后重试。',
    '-4184': '服务器磁盘空间不足；请清理或扩容磁盘后重试。',
    '-9040': '备份无法发起；请检查租户状态、归档状态和数据备份目的端后重试。',
    '-9036': '该租户已有另一个备份在运行；请等待其结束后重试。',
    '-4016': 'OceanBase 内部错误；请按错误信息中的 trace_id 查看 observer 日志，然后重试。',
    '-9070': '无法连接备份目的端；请检查路径或对象存储的访问凭据后重试。',
    '-9080': '目的端缺少 format 文件；请将 DATA_BACKUP_DEST 重新设置为一个空目录。',
    '-9081': '该目的端属于其他集群或租户；请使用另一个 DATA_BACKUP_DEST。',
    '-4013': '租户内存不足；请降低负载或扩大租户内存后重试。',
    '-5036': '账号缺少权限；请使用具备 ALTER SYSTEM 权限的账号。',
  },
  refusals: {
    title: '已拒绝',
    forTenant: '{{tenant}}：{{text}}',
    unavailableTitle: '无法连接数据库',
  },
  clientErrors: {
    NETWORK_ERROR: '无法连接控制台服务。',
    BAD_RESPONSE: '控制台服务返回了无法读取的响应。',
  },
  serverErrors: {
    VALIDATION_FAILED: '请求未被接受：请检查 {{fields}}。',
    VALIDATION_FAILED_encoding: '请以 UTF-8 编码的 JSON 发送请求体。',
    VALIDATION_FAILED_unreadable: '无法读取请求体。',
    VALIDATION_FAILED_idempotencyKey:
      'Idempotency-Key 须为 8 到 128 个字母、数字、- 或 _（可使用 UUID）。',
    VALIDATION_FAILED_tenantName: '“{{name}}”不是合法的租户名。',
    VALIDATION_FAILED_nul: '发送给数据库的文本不能包含 NUL 字符。',
    MALFORMED_JSON: '请求体不是合法的 JSON。',
    PAYLOAD_TOO_LARGE: '请求体过大（上限为 {{limitKb}} kB）。',
    LOGIN_FAILED: '租户、用户名或密码错误。',
    UNAUTHENTICATED_ended: '会话已结束，请重新登录。',
    UNAUTHENTICATED_expired: '会话已过期，请重新登录。',
    FORBIDDEN_noPrivilege: '当前账号没有 ALTER SYSTEM 权限，只能查看备份，不能发起或停止备份。',
    FORBIDDEN_otherTenant: '租户 {{tenant}} 的会话只能操作本租户，不能操作“{{other}}”。',
    RATE_LIMITED: '登录失败次数过多。',
    CROSS_ORIGIN_REJECTED: '只接受来自控制台自身页面的修改请求。',
    NOT_FOUND_route: '没有这个接口。',
    NOT_FOUND_cluster: '此控制台没有集群“{{cluster}}”。',
    NOT_FOUND_job: '找不到租户 {{tenant}} 的备份任务 {{jobId}}。',
    INVALID_CURSOR: '该分页链接无效（被修改过，或由其他服务器生成），请从第一页开始。',
    IDEMPOTENCY_CONFLICT: '该 Idempotency-Key 已用于另一个不同的请求，请使用新的键。',
    TENANT_NOT_FOUND: '租户“{{tenant}}”不存在，或当前账号无权查看。',
    NOT_A_USER_TENANT_cancel: '“{{tenant}}”是{{type}}，只有用户租户才有可停止的备份。',
    NO_ELIGIBLE_TENANT_noUserTenant: '没有可备份的用户租户。',
    NO_ELIGIBLE_TENANT_noneEligible: '没有租户满足备份条件，请查看每个租户的原因。',
    OCEANBASE_ERROR: 'OceanBase 拒绝执行该语句。',
    DATABASE_UNAVAILABLE: '暂时无法连接数据库，请稍后重试。',
    DATABASE_UNAVAILABLE_host: '无法连接位于 {{host}} 的数据库，请稍后重试。',
    INTERNAL: '服务端出错。',
    STORE_UNAVAILABLE:
      '控制台暂时无法写入审计记录，因此没有执行该操作。请稍后重试；如果一直如此，请联系管理员检查控制台存储。',
    NO_SERVICE_ACCOUNT: '集群 {{cluster}} 没有配置服务账号，无法在该集群上启用或运行备份策略。',
    POLICY_NAME_TAKEN: '该集群中已存在名为“{{name}}”的策略。',
    DATABASE_BUSY: '数据库繁忙：本会话已有 {{limit}} 个请求在等待数据库。请等它们完成后再试。',
    DATABASE_BUSY_budget:
      '数据库繁忙：此账号可用的全部连接（每个账号 {{perAccount}} 个，每个集群 {{perCluster}} 个）在您的请求超时前一直被占用。请稍后再试。',
    TOO_MANY_SESSIONS:
      '{{account}} 已打开 {{live}} 个会话（上限为 {{limit}}）。请退出不再使用的会话，或等待空闲会话过期。',
    TOO_MANY_STREAMS:
      '本会话已打开 {{open}} 个实时数据流（上限为 {{limit}}）。请关闭此登录的其他控制台标签页后刷新。',
    TOO_MANY_CONNECTIONS:
      '控制台的连接数过多（来自您的地址或总数）。请关闭其他标签页或客户端后重试。',
    MISDIRECTED_REQUEST: '本控制台不响应主机名“{{host}}”。',
  },
  checks: {
    TENANT_NOT_FOUND: {
      ok: '租户存在。',
      fail: '租户“{{tenant}}”不存在，或当前账号无权查看。',
    },
    NOT_A_USER_TENANT: {
      ok: '用户租户。',
      fail: '“{{tenant}}”是{{type}}，只有用户租户需要备份。',
    },
    TENANT_NOT_NORMAL: {
      ok: '租户状态正常。',
      fail: '租户状态为“{{status}}”，备份要求租户状态正常。',
    },
    LOG_ARCHIVE_NOT_DOING: {
      ok: '日志归档正在进行。',
      fail: '日志归档状态为“{{status}}”，必须处于归档中。请执行 {{sql}} 开启归档。',
      fail_noRound: '尚未开启日志归档，必须处于归档中。请执行 {{sql}} 开启归档。',
    },
    BACKUP_DEST_NOT_SET: {
      ok: '数据备份目的端：{{path}}。',
      fail: '尚未设置数据备份目的端。请执行 {{sql}} 设置。',
    },
    BACKUP_IN_PROGRESS: {
      ok: '没有正在运行的备份。',
      fail: '该租户的备份任务 {{jobId}} 已处于“{{status}}”状态，请等待其结束或停止备份。',
    },
    NO_FULL_BACKUP: {
      ok: '该备份目的端上已有成功的全量备份。',
      fail: '该备份目的端上没有成功的全量备份：OceanBase 会悄悄改为执行全量备份。请先发起全量备份。',
    },
  },
  enums: {
    tenantStatus: { NORMAL: '正常', RESTORE: '恢复中', CREATING: '创建中', DROPPING: '删除中' },
    archiveStatus: {
      PREPARE: '准备中',
      BEGINNING: '启动中',
      DOING: '归档中',
      INTERRUPTED: '已中断',
      STOP: '已停止',
      STOPPING: '停止中',
      SUSPENDING: '暂停中',
      SUSPEND: '已暂停',
      none: '未开启',
    },
    logMode: { ARCHIVELOG: '归档模式', NOARCHIVELOG: '非归档模式' },
    setStatus: { SUCCESS: '成功', FAILED: '失败', INIT: '启动中', DOING: '备份中' },
    fileStatus: {
      COPYING: '正在备份',
      AVAILABLE: '有效',
      DELETING: '正在删除',
      EXPIRED: '已失效',
      INCOMPLETE: '有缺失',
      BROKEN: '不完整，不可使用',
      DELETED: '已删除',
    },
    tenantType: { SYS: '系统租户', USER: '用户租户', META: 'Meta 租户' },
    jobLevel: {
      CLUSTER: '集群级（sys 租户备份所有租户）',
      SYS_TENANT: '租户级，由 sys 租户发起',
      USER_TENANT: '租户级，由租户自身发起',
    },
    encryption: {
      NONE: '无备份密码',
      PASSWORD: '备份密码（仅密码保护，不加密）',
      PASSWORD_ENCRYPTION: '加密并密码保护',
      TRANSPARENT_ENCRYPTION: '透明数据加密（TDE）',
      DUAL_MODE_ENCRYPTION: 'TDE 加密并密码保护',
    },
  },
};
