// The pages, who may open them, and the chunk that defines each (loaded on first visit).
import type { Role } from '../../server/contract/auth.js';
import { t } from '../i18n/common.js';

export interface PageRoute {
  path: string;
  label: string;
  roles: readonly Role[];
  load: () => Promise<unknown>;
}

export const ROUTES: readonly PageRoute[] = [
  {
    path: '/allocations',
    label: t.pages.allocations,
    roles: ['planner'],
    load: () => import('../pages/jalon-allocations-page.js'),
  },
  { path: '/import', label: t.pages.import, roles: ['planner'], load: () => import('../pages/jalon-import-page.js') },
  {
    path: '/envelopes',
    label: t.pages.envelopes,
    roles: ['planner', 'reviewer', 'admin'],
    load: () => import('../pages/jalon-envelopes-page.js'),
  },
  {
    path: '/delegations',
    label: t.pages.delegations,
    roles: ['planner', 'reviewer', 'admin'],
    load: () => import('../pages/jalon-delegations-page.js'),
  },
  {
    path: '/actions',
    label: t.pages.actions,
    roles: ['planner', 'reviewer', 'admin'],
    load: () => import('../pages/jalon-actions-page.js'),
  },
  {
    path: '/establishments',
    label: t.pages.establishments,
    roles: ['planner', 'reviewer', 'admin'],
    load: () => import('../pages/jalon-establishments-page.js'),
  },
  {
    path: '/ghts',
    label: t.pages.ghts,
    roles: ['planner', 'reviewer', 'admin'],
    load: () => import('../pages/jalon-ghts-page.js'),
  },
  {
    path: '/pooled-resources',
    label: t.pages.pooled,
    roles: ['planner', 'reviewer', 'admin'],
    load: () => import('../pages/jalon-pooled-page.js'),
  },
  {
    path: '/completions',
    label: t.pages.completions,
    roles: ['planner'],
    load: () => import('../pages/jalon-completions-page.js'),
  },
  {
    path: '/dashboard',
    label: t.pages.dashboard,
    roles: ['reviewer', 'planner', 'admin'],
    load: () => import('../pages/jalon-dashboard-page.js'),
  },
  {
    path: '/awards',
    label: t.pages.awards,
    roles: ['establishment'],
    load: () => import('../pages/jalon-awards-page.js'),
  },
  {
    path: '/windows',
    label: t.pages.windows,
    roles: ['planner', 'reviewer', 'admin', 'establishment'],
    load: () => import('../pages/jalon-windows-page.js'),
  },
  {
    path: '/scenarios',
    label: t.pages.scenarios,
    roles: ['planner', 'reviewer'],
    load: () => import('../pages/jalon-scenarios-page.js'),
  },
  {
    path: '/applications',
    label: t.pages.applications,
    roles: ['establishment', 'planner', 'reviewer'],
    load: () => import('../pages/jalon-applications-page.js'),
  },
  {
    path: '/roadmap',
    label: t.pages.roadmap,
    roles: ['planner', 'reviewer', 'admin', 'establishment'],
    load: () => import('../pages/jalon-roadmap-page.js'),
  },
  {
    path: '/audit',
    label: t.pages.audit,
    roles: ['admin', 'planner', 'reviewer'],
    load: () => import('../pages/jalon-audit-page.js'),
  },
  {
    path: '/payments',
    label: t.pages.payments,
    roles: ['reviewer', 'planner', 'admin'],
    load: () => import('../pages/jalon-payments-page.js'),
  },
  { path: '/users', label: t.pages.users, roles: ['admin'], load: () => import('../pages/jalon-users-page.js') },
  {
    path: '/account',
    label: t.pages.account,
    roles: ['planner', 'reviewer', 'admin', 'establishment'],
    load: () => import('../pages/jalon-account-page.js'),
  },
];

export const HOME: Record<Role, string> = {
  planner: '/allocations',
  reviewer: '/dashboard',
  establishment: '/awards',
  admin: '/dashboard',
};

export const routeFor = (path: string): PageRoute | undefined => ROUTES.find((r) => r.path === path);
export const allowed = (route: PageRoute, role: Role): boolean => route.roles.includes(role);
export const loadLogin = () => import('../pages/jalon-login-page.js');

/** Client navigation: history entry, then the shell re-renders on `popstate`. */
export const navigate = (url: string, { replace = false } = {}) => {
  if (url === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
};
