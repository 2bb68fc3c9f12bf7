/**
 * Every procedure of the production router, read from the built server (apps/server/dist/router.js)
 * rather than written down here: a procedure added tomorrow is fuzzed and attacked tomorrow.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROUTER_JS = fileURLToPath(new URL('../../../apps/server/dist/router.js', import.meta.url));

export type ProcedureType = 'query' | 'mutation';

export interface ProcedureInfo {
  /** e.g. `admin.approve` */
  path: string;
  type: ProcedureType;
  /** Whether the procedure validates an input at all. */
  takesInput: boolean;
  /** Top-level keys of its input object (empty when it takes none or not an object). */
  fields: string[];
}

let cached: Promise<ProcedureInfo[]> | undefined;

export function listProcedures(): Promise<ProcedureInfo[]> {
  cached ??= loadProcedures();
  return cached;
}

async function loadProcedures(): Promise<ProcedureInfo[]> {
  if (!existsSync(ROUTER_JS)) {
    throw new Error(`${ROUTER_JS} is missing: run \`pnpm --filter @rolegate/server build\`.`);
  }
  const module: unknown = await import(pathToFileURL(ROUTER_JS).href);
  const procedures = prop(prop(prop(module, 'appRouter'), '_def'), 'procedures');
  if (!isRecord(procedures)) throw new Error('dist/router.js has no appRouter._def.procedures');
  const list: ProcedureInfo[] = [];
  for (const [path, procedure] of Object.entries(procedures)) {
    const def = prop(procedure, '_def');
    const type = prop(def, 'type');
    if (type !== 'query' && type !== 'mutation') continue;
    const inputs = prop(def, 'inputs');
    const parsers = Array.isArray(inputs) ? inputs : [];
    list.push({
      path,
      type,
      takesInput: parsers.length > 0,
      fields: [...new Set(parsers.flatMap(objectKeys))],
    });
  }
  if (list.length === 0) throw new Error('the router has no procedures');
  return list.sort((a, b) => a.path.localeCompare(b.path));
}

/** Keys of a zod object schema, looking through optional()/nullable() wrappers. */
function objectKeys(schema: unknown): string[] {
  let def = prop(prop(schema, '_zod'), 'def');
  for (let depth = 0; depth < 5 && isRecord(def) && def.type !== 'object'; depth++) {
    def = prop(prop(def.innerType, '_zod'), 'def');
  }
  const shape = prop(def, 'shape');
  return isRecord(shape) ? Object.keys(shape) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A property of an object or a function (tRPC procedures are functions with a `_def`). */
function prop(value: unknown, key: string): unknown {
  if (typeof value === 'function') return Reflect.get(value, key);
  return isRecord(value) ? value[key] : undefined;
}

/**
 * The admin.* procedures a mailed decision link calls: the token in the link is their credential,
 * not a session (decision-links.test.ts attacks them).
 */
export const DECISION_LINK_PROCEDURES = ['admin.decisionLink', 'admin.decideByLink'];

export const isAdminProcedure = (procedure: ProcedureInfo) =>
  procedure.path.startsWith('admin.') && !DECISION_LINK_PROCEDURES.includes(procedure.path);
