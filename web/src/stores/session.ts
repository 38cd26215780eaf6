// Who is logged in. Loaded once at start (GET /api/v1/auth/me); pages read `session.user` and
// `hasRole()`. Logging in uses the cookie mode: the session cookie is HttpOnly, the CSRF token
// comes back in a readable cookie that api/client.ts sends as X-CSRF-Token.
import { reactive } from 'vue';
import { api, ApiError } from '@/api/client';

export interface User {
  id: number;
  login: string;
  display_name: string;
  roles: string[];
}

export const session = reactive<{ user: User | null; loaded: boolean; mustChangePassword: boolean }>({
  user: null,
  loaded: false,
  mustChangePassword: false,
});

export function hasRole(...roles: string[]): boolean {
  return !!session.user && roles.some((r) => session.user!.roles.includes(r));
}

export async function loadSession(): Promise<void> {
  try {
    session.user = await api.get<User>('auth/me');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) console.warn('auth/me', e);
    session.user = null;
  } finally {
    session.loaded = true;
  }
}

export async function login(loginName: string, password: string): Promise<User> {
  const res = await api.post<{ user: User; must_change_password: boolean }>('auth/login', {
    login: loginName,
    password,
    mode: 'cookie',
  });
  session.user = res.user;
  session.mustChangePassword = !!res.must_change_password;
  return res.user;
}

export async function logout(): Promise<void> {
  try {
    await api.post('auth/logout');
  } finally {
    session.user = null;
  }
}

// The page a user lands on after logging in.
export function homeFor(user: User | null): string {
  if (!user) return '/';
  if (user.roles.includes('admin')) return '/admin';
  if (user.roles.includes('examiner')) return '/examiner';
  if (user.roles.includes('proctor')) return '/proctor';
  if (user.roles.includes('author') || user.roles.includes('reviewer')) return '/admin/items';
  if (user.roles.includes('candidate')) return '/me';
  return '/';
}
