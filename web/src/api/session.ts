import { useQuery } from '@tanstack/react-query';
import type { Me, RoleView } from '../../../common/schemas/auth.js';
import { currentLanguage, setLanguage } from '../i18n/index.js';
import { ApiError, api, request, setCsrfToken } from './client.js';
import { queryClient } from './query-client.js';

export const ME_KEY = ['me'] as const;

/** Whether the user picked a language in this page load (it then wins over the account's). */
let languageChosenHere = false;

/** ACC-7: every tab of this browser hears when another tab logs in or out, and reloads. */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('shixun-session');
channel?.addEventListener('message', () => {
  window.location.reload();
});

function announceSessionChange(accountId: number | null) {
  channel?.postMessage({ accountId });
}

/** Who is logged in, or null. Reloads the page when the account changed under us (ACC-7). */
async function fetchMe(): Promise<Me | null> {
  let me: Me | null;
  try {
    me = await request<Me>('/api/auth/me', { quiet401: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) me = null;
    else throw err;
  }
  const shown = queryClient.getQueryData<Me | null>(ME_KEY);
  if (shown && me && shown.account.id !== me.account.id) window.location.reload();
  setCsrfToken(me?.csrfToken ?? null);
  if (me && !languageChosenHere && me.account.language !== currentLanguage()) setLanguage(me.account.language);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, refetchOnWindowFocus: true });
}

/** The logged-in account; only for components rendered inside the authenticated layout. */
export function useCurrentMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe outside an authenticated page');
  return data;
}

/** Stores a Me answered by any auth endpoint (login, switch, password change, re-verify…). */
export function acceptMe(me: Me) {
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(ME_KEY, me);
}

/** After a login: remember the session, tell the other tabs; a language picked on the login page is saved on the account, else the account's is used. */
export async function completeLogin(me: Me) {
  acceptMe(me);
  announceSessionChange(me.account.id);
  const shown = currentLanguage();
  if (shown === me.account.language) return;
  if (languageChosenHere) acceptMe(await api.patch<Me>('/api/auth/me', { language: shown }).catch(() => me));
  else setLanguage(me.account.language);
}

export async function logout() {
  try {
    await api.post('/api/auth/logout');
  } finally {
    // A full page load drops every cached answer of the old session.
    announceSessionChange(null);
    window.location.assign('/login');
  }
}

/** Switches the active identity (ACC-6); data of the previous identity is dropped. */
export async function switchRole(roleId: number) {
  const me = await api.post<Me>('/api/auth/switch', { roleId });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  acceptMe(me);
  return me;
}

/** Changes the interface language (the user's choice); saved on the account when logged in. */
export async function changeLanguage(lang: Me['account']['language']) {
  languageChosenHere = true;
  setLanguage(lang);
  const me = queryClient.getQueryData<Me | null>(ME_KEY);
  if (me) acceptMe(await api.patch<Me>('/api/auth/me', { language: lang }));
}

export function activeRole(me: Me): RoleView | undefined {
  return me.roles.find((r) => r.id === me.activeRoleId) ?? me.roles[0];
}
