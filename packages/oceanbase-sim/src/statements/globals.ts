/** Per tenant, the system variables set with SET GLOBAL (only sql_mode is modelled). */
export class TenantGlobals {
  readonly #byTenant = new Map<number, Map<string, string | number>>();

  of(tenantId: number): ReadonlyMap<string, string | number> {
    return this.#byTenant.get(tenantId) ?? new Map();
  }

  set(tenantId: number, name: string, value: string | number): void {
    const vars = this.#byTenant.get(tenantId) ?? new Map<string, string | number>();
    vars.set(name, value);
    this.#byTenant.set(tenantId, vars);
  }
}
