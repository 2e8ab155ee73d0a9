import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ClusterId, type DemoAccount } from '@obconsole/contracts';
import type { DbTarget } from './lib/db-account.js';
import { Secret } from './lib/secret.js';

/** An account the console uses for work nobody watches (the job watcher, schedules). */
export interface ServiceAccount {
  user: string;
  /** Always sys: only the sys tenant sees and backs up every tenant. */
  tenant: string;
  password: Secret;
}

/** One configured cluster, resolved: where it is and how the console may act on it alone. */
export interface ClusterSetting {
  id: string;
  name: string;
  target: DbTarget;
  /** The embedded OceanBase simulator. */
  simulated?: boolean;
  /** Demo logins, only for a simulated cluster. */
  demoAccounts?: DemoAccount[];
  serviceAccount?: ServiceAccount;
}

const PROXY_CLUSTER = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'an OBProxy cluster name is letters, digits, _ . -');

const ServiceAccountSchema = z
  .object({
    user: z.string().min(1, 'enter the service user, as user@sys or user with tenant "sys"'),
    tenant: z.string().optional(),
    passwordFile: z.string().min(1).optional(),
    passwordEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'passwordEnv is the name of an environment variable')
      .optional(),
    password: z.unknown().optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.password !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message:
          'a password never goes in the clusters file: use passwordFile (a file holding it) or passwordEnv (an environment variable holding it)',
      });
    if ((a.passwordFile === undefined) === (a.passwordEnv === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['passwordFile'],
        message: 'give exactly one of passwordFile or passwordEnv',
      });
    const tenant = a.user.includes('@') ? a.user.slice(a.user.indexOf('@') + 1) : a.tenant;
    if ((tenant ?? 'sys').toLowerCase() !== 'sys')
      ctx.addIssue({
        code: 'custom',
        path: ['user'],
        message: `a service account belongs to the sys tenant (user@sys), not "${tenant}"`,
      });
  });

const ClusterSchema = z
  .object({
    id: ClusterId,
    name: z.string().min(1).max(200).optional(),
    host: z.string().min(1, 'enter the observer or OBProxy host'),
    port: z.number().int().min(1).max(65535),
    proxyClusterName: PROXY_CLUSTER.optional(),
    serviceAccount: ServiceAccountSchema.optional(),
  })
  .strict();

const ClustersFileSchema = z
  .object({ clusters: z.array(ClusterSchema).min(1, 'list at least one cluster') })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.clusters.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['clusters', i, 'id'],
          message: `"${c.id}" is already the id of another cluster: ids must be unique`,
        });
      seen.add(c.id);
    });
  });

type ServiceAccountInput = z.infer<typeof ServiceAccountSchema>;

/** Splits user@sys; the password is read here, once, and held only as a Secret. */
function resolveServiceAccount(
  a: ServiceAccountInput,
  env: NodeJS.ProcessEnv,
  where: string,
  problems: string[],
): ServiceAccount | undefined {
  const user = a.user.includes('@') ? a.user.slice(0, a.user.indexOf('@')) : a.user;
  let password: string | undefined;
  if (a.passwordFile !== undefined) {
    try {
      password = readFileSync(a.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(
        `  ${where}.passwordFile: cannot read ${a.passwordFile} (${code}); give a readable file holding the password`,
      );
      return undefined;
    }
    if (!password)
      problems.push(`  ${where}.passwordFile: ${a.passwordFile} is empty; put the password in it`);
  } else if (a.passwordEnv !== undefined) {
    password = env[a.passwordEnv];
    if (!password)
      problems.push(
        `  ${where}.passwordEnv: the environment variable ${a.passwordEnv} is not set; set it to the password`,
      );
  }
  if (!password) return undefined;
  return { user, tenant: 'sys', password: new Secret(password) };
}

/**
 * Reads and checks a clusters file. Returns the clusters, or the list of every problem (path:
 * what to fix); the caller refuses to start on problems, like the environment check.
 */
export function loadClustersFile(
  file: string,
  env: NodeJS.ProcessEnv,
): { clusters: ClusterSetting[] } | { problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problems: [`  CLUSTERS_FILE: cannot read ${file} (${code})`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      problems: [`  CLUSTERS_FILE: ${file} is not valid JSON (${(e as Error).message})`],
    };
  }
  const parsed = ClustersFileSchema.safeParse(json);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map(
        (i) => `  ${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`,
      ),
    };
  const problems: string[] = [];
  const clusters = parsed.data.clusters.map((c, i): ClusterSetting => {
    const serviceAccount = c.serviceAccount
      ? resolveServiceAccount(c.serviceAccount, env, `clusters.${i}.serviceAccount`, problems)
      : undefined;
    return {
      id: c.id,
      name: c.name ?? c.id,
      target: { host: c.host, port: c.port, cluster: c.proxyClusterName },
      ...(serviceAccount ? { serviceAccount } : {}),
    };
  });
  return problems.length ? { problems } : { clusters };
}

/** OB_HOST and friends: one cluster, as the console had before it knew several. */
export function singleClusterFromEnv(
  e: {
    OB_HOST: string;
    OB_PORT: number;
    OB_CLUSTER?: string;
    OB_CLUSTER_ID: string;
    OB_CLUSTER_NAME?: string;
    OB_SERVICE_USER?: string;
    OB_SERVICE_PASSWORD_FILE?: string;
    OB_SERVICE_PASSWORD?: string;
  },
  problems: string[],
): ClusterSetting {
  let serviceAccount: ServiceAccount | undefined;
  if (e.OB_SERVICE_USER) {
    const user = e.OB_SERVICE_USER.split('@')[0]!;
    const tenant = e.OB_SERVICE_USER.includes('@') ? e.OB_SERVICE_USER.split('@')[1] : 'sys';
    if (tenant?.toLowerCase() !== 'sys')
      problems.push(
        `  OB_SERVICE_USER: a service account belongs to the sys tenant (user@sys), not "${tenant}"`,
      );
    let password: string | undefined;
    if (e.OB_SERVICE_PASSWORD_FILE) {
      try {
        password = readFileSync(e.OB_SERVICE_PASSWORD_FILE, 'utf8').replace(/\r?\n$/, '');
      } catch (err) {
        problems.push(
          `  OB_SERVICE_PASSWORD_FILE: cannot read ${e.OB_SERVICE_PASSWORD_FILE} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`,
        );
      }
    } else password = e.OB_SERVICE_PASSWORD;
    if (!password && !problems.some((p) => p.includes('OB_SERVICE_PASSWORD_FILE')))
      problems.push(
        '  OB_SERVICE_USER: set OB_SERVICE_PASSWORD_FILE (a file holding the password) or OB_SERVICE_PASSWORD',
      );
    if (password) serviceAccount = { user, tenant: 'sys', password: new Secret(password) };
  } else if (e.OB_SERVICE_PASSWORD_FILE || e.OB_SERVICE_PASSWORD) {
    problems.push('  OB_SERVICE_USER: set it too, or drop the service password');
  }
  return {
    id: e.OB_CLUSTER_ID,
    name: e.OB_CLUSTER_NAME ?? e.OB_CLUSTER_ID,
    target: { host: e.OB_HOST, port: e.OB_PORT, cluster: e.OB_CLUSTER },
    ...(serviceAccount ? { serviceAccount } : {}),
  };
}
