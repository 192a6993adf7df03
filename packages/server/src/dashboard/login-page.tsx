/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { DashboardLayout, Flash, type View } from './layout.tsx'

export interface LoginPageProps {
  view: View
  /** The login form's token (bound to the nonce cookie). */
  formToken: string
  /** Where to go after signing in (a dashboard path). */
  next: string
  error?: string | null
  notice?: string | null
}

export const LoginPage = ({ view, formToken, next, error, notice }: LoginPageProps) => {
  const { s } = view
  return (
    <DashboardLayout view={view} title={s.signInTitle} section="login">
      <section class="card dash-login" aria-labelledby="login-title">
        <h1 id="login-title">{s.signInTitle}</h1>
        <p class="muted">{s.signInIntro}</p>
        <Flash text={notice ?? null} />
        {error ? (
          <p class="form-error" role="alert" id="login-error">
            {error}
          </p>
        ) : null}
        <form method="post" action="/dashboard/login" class="stack">
          <input type="hidden" name="form" value={formToken} />
          <input type="hidden" name="next" value={next} />
          <label for="password">{s.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={1024}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'login-error' : undefined}
            autofocus
          />
          <button type="submit" class="button">
            {s.signIn}
          </button>
        </form>
      </section>
    </DashboardLayout>
  )
}

/** A form that was refused (no or a wrong CSRF token, another site's request). */
export const ForbiddenPage = ({ view }: { view: View }) => (
  <DashboardLayout view={view} title={view.s.forbiddenTitle} section="orders">
    <section class="card dash-login" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{view.s.forbiddenTitle}</h1>
      <p>{view.s.forbiddenText}</p>
      <p>
        <a href="/dashboard">{view.s.backToOrders}</a>
      </p>
    </section>
  </DashboardLayout>
)
