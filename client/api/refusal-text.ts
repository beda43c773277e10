import type { TFunction } from 'i18next';
import { isRefusalCode, type RefusalValue } from '../../server/schemas/refusal-codes.ts';
import { formatChinaMinute } from '../../server/domain/china-time.ts';

/** Where the values of a filter's field are named: its allowed values are listed in those words. */
const VALUE_GROUPS: Record<string, string> = { state: 'states', source: 'sources' };

/**
 * A refusal as its reader's language says it, from the stable code and parameters the server sends
 * beside its English message: fields, states, actions and resources are named as the screens name
 * them. Null when the body carries no code this client knows (an older or newer server), so the
 * caller can show the server's own message.
 */
export function refusalText(t: TFunction, body: { code?: unknown; params?: unknown } | null | undefined): string | null {
  if (!body || !isRefusalCode(body.code)) return null;
  const params = (body.params ?? {}) as Record<string, RefusalValue>;
  const named = (group: string, value: RefusalValue) => t(`${group}.${String(value)}` as 'states.closed', { defaultValue: String(value) });
  const listed = (value: RefusalValue, group: string | undefined) => (Array.isArray(value) ? value : [value])
    .map((item) => (group ? named(group, item) : String(item))).join('、') || '—';
  // A workflow refusal lists actions; a filter's, the values of its field.
  const allowedGroup = params.field === undefined ? 'actions' : VALUE_GROUPS[String(params.field)];
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'field' || name === 'other') shown[name] = named('refusals.fields', value);
    else if (name === 'resource') shown[name] = named('refusals.resources', value);
    else if (name === 'state') shown[name] = named('states', value);
    else if (name === 'action') shown[name] = named('actions', value);
    else if (name === 'allowed' || (name === 'value' && allowedGroup !== 'actions')) shown[name] = listed(value, allowedGroup);
    else if (name === 'lockedUntil') shown[name] = formatChinaMinute(String(value));
    else shown[name] = Array.isArray(value) ? value.join('、') : String(value);
  }
  return t(`refusals.codes.${body.code}` as 'refusals.codes.csrf', { ...shown, defaultValue: String((body as { message?: unknown }).message ?? body.code) });
}
