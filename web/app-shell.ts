// <app-shell>: session, header with role-based navigation, history routing, lazy pages.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { Task } from '@lit/task';
import type { Me } from '../server/contract/auth.js';
import { sessionEvents } from './api/client.js';
import { planReader } from './api/plan.js';
import { logout, me } from './api/session.js';
import type { JalonEvent } from './lib/fire.js';
import { t } from './i18n/common.js';
import { planContext, type PlanData } from './lib/plan-context.js';
import { HOME, ROUTES, allowed, loadLogin, navigate, routeFor, type PageRoute } from './lib/routes.js';
import { tokens, ui } from './lib/styles.js';
import { loading, renderTask } from './lib/task-view.js';
import { arsLabel } from '../shared/regions.js';

/** Addresses that only lead somewhere: the login form, or the signed-in user's home page. */
const ENTRIES = new Set(['/', '/login']);

@customElement('app-shell')
export class AppShell extends LitElement {
  static override styles = [
    tokens,
    ui,
    css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: var(--bg-alt); }
    .skip { position: absolute; left: 8px; top: -48px; background: var(--bg); padding: 8px 12px; z-index: 10; font: inherit; color: var(--blue); border: 1px solid var(--blue); text-decoration: underline; cursor: pointer; }
    .skip:focus { top: 8px; }
    header { background: var(--bg); box-shadow: 0 1px 3px rgba(0, 0, 18, 0.16); position: relative; z-index: 2; }
    .bar { max-width: 1440px; margin: 0 auto; padding: 16px 32px; display: flex; align-items: center; gap: 24px; }
    .brand { display: flex; align-items: center; gap: 16px; text-decoration: none; color: var(--text); }
    .mark { width: 48px; height: 48px; background: var(--blue); display: grid; place-items: center; flex: none; }
    .mark svg { width: 30px; height: 30px; }
    .brand strong { display: block; font-size: 1.5rem; line-height: 1.75rem; letter-spacing: -0.01em; }
    .brand span { display: block; font-size: 0.875rem; color: var(--muted); }
    .ministry { border-left: 1px solid var(--border); padding-left: 16px; font-size: 0.8125rem; color: var(--muted); line-height: 1.2rem; }
    .who { margin-left: auto; display: flex; align-items: center; gap: 16px; text-align: right; font-size: 0.875rem; }
    .who b { display: block; font-size: 0.9375rem; }
    nav { border-top: 1px solid var(--border); }
    /* a planner has eleven pages: between a phone and a wide screen they take a second row, never a broken label */
    nav ul { list-style: none; margin: 0 auto; padding: 0 32px; display: flex; flex-wrap: wrap; max-width: 1440px; gap: 0 2px; }
    nav a { display: block; padding: 14px 12px; white-space: nowrap; color: var(--text); text-decoration: none; font-weight: 500; font-size: 0.9375rem; border-bottom: 3px solid transparent; }
    nav a:hover { background: var(--bg-alt); }
    nav a[aria-current="page"] { color: var(--blue); border-bottom-color: var(--blue); }
    /* at least a screen high: the footer starts below the fold and does not jump down as the page's data arrives */
    main { flex: 1; width: 100%; max-width: 1440px; margin: 0 auto; padding: 32px; outline: none; min-height: 100vh; }
    footer { background: var(--bg); border-top: 2px solid var(--blue); }
    footer p { max-width: 1440px; margin: 0 auto; padding: 20px 32px; font-size: 0.8125rem; color: var(--muted); }
    /* a phone: the header keeps the name, the user and the way out; the menu scrolls sideways */
    @media (max-width: 720px) {
      .bar { padding: 12px 16px; gap: 8px 12px; flex-wrap: wrap; }
      .brand strong { font-size: 1.25rem; }
      .ministry, .brand span span { display: none; }
      .mark { width: 40px; height: 40px; }
      .who { gap: 8px; font-size: 0.8125rem; }
      nav ul { padding: 0 8px; overflow-x: auto; flex-wrap: nowrap; }
      nav a { padding: 12px 10px; white-space: nowrap; }
      main { padding: 16px; }
      footer p { padding: 16px; }
    }
    @media print { header nav, .who, .skip, footer { display: none; } main { padding: 0; max-width: none; } :host { background: #fff; } }
  `,
  ];

  @state() private _me: Me | null | undefined = undefined;
  @state() private _path = location.pathname;
  @state() private _notice = '';
  /** Who the server saw signed in when it sent the page (data-name, data-role on <app-shell>): the
   *  header is drawn whole while the session is checked, instead of growing (and shifting the page). */
  private _hint: { user: Pick<Me['user'], 'name' | 'role' | 'region'> } | null = null;
  @query('main') private _main!: HTMLElement;
  @provide({ context: planContext }) private _plan: PlanData = { reference: planReader(), version: 0 };

  /** A new session, or new establishments: the reference lists are read again. */
  private _resetPlan() {
    this._plan = { reference: planReader(), version: this._plan.version + 1 };
  }
  /** A write the pages' totals depend on. */
  private _planChanged = () => {
    this._plan = { ...this._plan, version: this._plan.version + 1 };
  };

  private _session = new Task(this, {
    task: async () => {
      this._me = await me();
      return this._me;
    },
    args: () => [],
  });

  // While the session is being checked, the page's chunk already loads: a signed-in user
  // (the usual case on a reload) does not wait for one round trip and then another.
  private _page = new Task(this, {
    task: async ([path, signedOut, mustChange]) => {
      const route = routeFor(path);
      // a temporary password is changed before anything else (the API refuses every other call)
      if (mustChange) return import('./pages/jalon-password-change-page.js');
      return signedOut || !route ? loadLogin() : route.load();
    },
    args: () => [this._path, this._me === null, !!this._me?.user.mustChangePassword] as const,
  });

  private _onPop = () => {
    this._path = location.pathname;
  };
  private _onExpired = () => this._signedOut(t.app.sessionExpired);
  /** The login form takes the place of the page, which comes back once signed in again. */
  private _signedOut(notice: string) {
    this._resetPlan();
    this._me = null;
    this._notice = notice;
  }

  override connectedCallback() {
    super.connectedCallback();
    const { name, role, region } = this.dataset;
    if (name && role && role in HOME)
      this._hint = { user: { name, role: role as Me['user']['role'], ...(region ? { region } : {}) } };
    addEventListener('popstate', this._onPop);
    sessionEvents.addEventListener('expired', this._onExpired);
    this.addEventListener('click', this._onClick);
    this.addEventListener('navigate', (e) => navigate((e as JalonEvent<'navigate'>).detail.path));
    this.addEventListener('login', (e) => this._onLogin((e as JalonEvent<'login'>).detail));
    this.addEventListener('logout', (e) => this._signedOut((e as JalonEvent<'logout'>).detail.notice));
    this.addEventListener('allocations-changed', this._planChanged);
    this.addEventListener('payments-changed', this._planChanged);
    this.addEventListener('completion-declared', this._planChanged);
    this.addEventListener('reference-changed', () => this._resetPlan());
  }

  override disconnectedCallback() {
    removeEventListener('popstate', this._onPop);
    sessionEvents.removeEventListener('expired', this._onExpired);
    super.disconnectedCallback();
  }

  /** Same-origin links to a page route are handled here: no reload, a history entry. */
  private _onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || a.target || a.origin !== location.origin || !(routeFor(a.pathname) || ENTRIES.has(a.pathname))) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  };

  private _onLogin(who: Me) {
    this._resetPlan();
    this._notice = '';
    this._me = who;
    // a deep link stays where it was: its page, or a message saying why not
    if (ENTRIES.has(location.pathname)) navigate(HOME[who.user.role], { replace: true });
  }

  private async _logout() {
    try {
      await logout();
    } finally {
      this._resetPlan();
      this._me = null;
      navigate('/login');
    }
  }

  protected override willUpdate() {
    const who = this._me;
    if (who && ENTRIES.has(this._path)) queueMicrotask(() => navigate(HOME[who.user.role], { replace: true }));
  }

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('_path') && changed.get('_path') !== undefined && this._me) {
      this._main?.focus({ preventScroll: false });
      scrollTo(0, 0);
    }
    const route = routeFor(this._path);
    const lost = !route && !ENTRIES.has(this._path);
    const heading = lost ? t.app.notFoundTitle : this._me ? route?.label : this._me === null ? t.app.signIn : undefined;
    document.title = `${heading ? `${heading} — ` : ''}Jalon`;
  }

  override render() {
    // while the session is checked, the user the server saw holds the header's place
    const who = this._me === undefined ? this._hint : this._me;
    return html`
      <header>
        <button class="skip" @click=${() => this._main.focus()}>${t.app.skip}</button>
        <div class="bar">
          <a class="brand" href=${who ? HOME[who.user.role] : '/login'}>
            <span class="mark" aria-hidden="true"><svg viewBox="0 0 32 32"><path d="M6 24h20M9 24V14m7 10V7m7 17v-8" stroke="#fff" stroke-width="3.2" stroke-linecap="square" fill="none"/></svg></span>
            <span><strong>${t.app.name}</strong><span>${t.app.tagline}</span></span>
          </a>
          <span class="ministry">${t.app.ministry}</span>
          ${
            who
              ? html`<div class="who">
            <span><b>${who.user.name}</b>${t.roles[who.user.role]}${
              // an ARS account: the header names its region
              who.user.region ? html` · <span data-testid="ars">${arsLabel(who.user.region)}</span>` : nothing
            }</span>
            <button class="btn secondary small" @click=${this._logout}>${t.app.logout}</button>
          </div>`
              : nothing
          }
        </div>
        ${who && !this._me?.user.mustChangePassword ? this._nav(who) : nothing}
      </header>
      <main id="main" tabindex="-1">${renderTask(this._session, () => this._content())}</main>
      <footer><p>${t.app.footer}</p></footer>
    `;
  }

  private _nav(who: { user: Pick<Me['user'], 'role'> }) {
    return html`<nav aria-label=${t.app.nav}><ul>
      ${ROUTES.filter((r) => allowed(r, who.user.role)).map(
        (r) => html`<li>
        <a href=${r.path} aria-current=${this._path === r.path ? 'page' : nothing}>${r.label}</a></li>`,
      )}
    </ul></nav>`;
  }

  private _content() {
    return renderTask(this._page, () => {
      const who = this._me;
      const route = routeFor(this._path);
      if (!route && !ENTRIES.has(this._path)) return this._refusal(who);
      if (!who) return html`<jalon-login-page .notice=${this._notice}></jalon-login-page>`;
      if (who.user.mustChangePassword)
        return html`<jalon-password-change-page .me=${who}></jalon-password-change-page>`;
      if (route && !allowed(route, who.user.role)) return this._refusal(who, route);
      switch (this._path) {
        case '/allocations':
          return html`<jalon-allocations-page .me=${who}></jalon-allocations-page>`;
        case '/import':
          return html`<jalon-import-page></jalon-import-page>`;
        case '/dashboard':
          return html`<jalon-dashboard-page .me=${who}></jalon-dashboard-page>`;
        case '/awards':
          return html`<jalon-awards-page .me=${who}></jalon-awards-page>`;
        case '/applications':
          return html`<jalon-applications-page .me=${who}></jalon-applications-page>`;
        case '/roadmap':
          return html`<jalon-roadmap-page .me=${who}></jalon-roadmap-page>`;
        case '/audit':
          return html`<jalon-audit-page></jalon-audit-page>`;
        case '/users':
          return html`<jalon-users-page .me=${who}></jalon-users-page>`;
        case '/account':
          return html`<jalon-account-page></jalon-account-page>`;
        case '/payments':
          return html`<jalon-payments-page .me=${who}></jalon-payments-page>`;
        case '/envelopes':
          return html`<jalon-envelopes-page .me=${who}></jalon-envelopes-page>`;
        case '/delegations':
          return html`<jalon-delegations-page .me=${who}></jalon-delegations-page>`;
        case '/actions':
          return html`<jalon-actions-page .me=${who}></jalon-actions-page>`;
        case '/establishments':
          return html`<jalon-establishments-page .me=${who}></jalon-establishments-page>`;
        case '/ghts':
          return html`<jalon-ghts-page .me=${who}></jalon-ghts-page>`;
        case '/pooled-resources':
          return html`<jalon-pooled-page .me=${who}></jalon-pooled-page>`;
        case '/completions':
          return html`<jalon-completions-page></jalon-completions-page>`;
        case '/windows':
          return html`<jalon-windows-page .me=${who}></jalon-windows-page>`;
        case '/scenarios':
          return html`<jalon-scenarios-page .me=${who}></jalon-scenarios-page>`;
        default:
          return loading();
      }
    });
  }

  /** An address that leads nowhere, or a page this role may not open (`route`): say so, and the
   *  way home. The server answered the unknown address with a 404 already. */
  private _refusal(who: Me | null | undefined, route?: PageRoute) {
    return html`<div data-testid="refusal">${
      route
        ? html`<h1>${route.label}</h1><div class="alert info"><p>${t.app.forbidden}</p></div>`
        : html`<h1>${t.app.notFound}</h1>`
    }
      <p><a href=${who ? HOME[who.user.role] : '/login'}>${t.app.home}</a></p></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-shell': AppShell;
  }
}
