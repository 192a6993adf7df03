/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** The form that makes a payment link: an order for an amount and a title of the operator's choice. */
import { CsrfField, DashboardLayout, type View } from './layout.tsx'

export type LinkField = 'amount' | 'title' | 'description' | 'reference'

export interface LinkPageProps {
  view: View
  /** What was typed (shown again after an error). */
  values: Partial<Record<LinkField, string>>
  /** Fields with an error. */
  errors: LinkField[]
}

export const LinkPage = ({ view, values, errors }: LinkPageProps) => {
  const { s } = view
  const invalid = (field: LinkField) => errors.includes(field)
  const describedBy = (field: LinkField, hint?: string) =>
    [invalid(field) ? `link-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined
  const ErrorText = ({ field }: { field: LinkField }) =>
    invalid(field) ? (
      <span class="field-error" id={`link-${field}-error`}>
        {s.linkErrors[field]}
      </span>
    ) : null
  return (
    <DashboardLayout view={view} title={s.linkHeading} section="link">
      <h1>{s.linkHeading}</h1>
      <p class="muted">{s.linkIntro}</p>
      {errors.length > 0 ? (
        <div class="form-error" role="alert" id="link-errors">
          <p>{s.fixErrors}</p>
          <ul>
            {errors.map((field) => (
              <li>
                <a href={`#link-${field}`}>{s.linkErrors[field]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/dashboard/links" class="card stack link-form" novalidate>
        <CsrfField token={view.csrf} />
        <div class="field">
          <label for="link-amount">{s.linkAmount}</label>
          <input
            id="link-amount"
            name="amount"
            inputmode="decimal"
            autocomplete="off"
            required
            maxlength={12}
            pattern="[0-9]+([.,][0-9]{1,2})?"
            value={values.amount ?? ''}
            aria-invalid={invalid('amount') ? 'true' : undefined}
            aria-describedby={describedBy('amount', 'link-amount-hint')}
          />
          <span class="hint" id="link-amount-hint">
            {s.linkAmountHint}
          </span>
          <ErrorText field="amount" />
        </div>
        <div class="field">
          <label for="link-title">{s.linkTitle}</label>
          <input
            id="link-title"
            name="title"
            required
            maxlength={200}
            value={values.title ?? ''}
            aria-invalid={invalid('title') ? 'true' : undefined}
            aria-describedby={describedBy('title', 'link-title-hint')}
          />
          <span class="hint" id="link-title-hint">
            {s.linkTitleHint}
          </span>
          <ErrorText field="title" />
        </div>
        <div class="field">
          <label for="link-description">
            {s.linkDescription} <span class="optional">({s.optional})</span>
          </label>
          <textarea
            id="link-description"
            name="description"
            rows={3}
            maxlength={1000}
            aria-invalid={invalid('description') ? 'true' : undefined}
            aria-describedby={describedBy('description')}
          >
            {values.description ?? ''}
          </textarea>
          <ErrorText field="description" />
        </div>
        <div class="field">
          <label for="link-reference">
            {s.linkReference} <span class="optional">({s.optional})</span>
          </label>
          <input
            id="link-reference"
            name="reference"
            maxlength={200}
            autocomplete="off"
            value={values.reference ?? ''}
            aria-invalid={invalid('reference') ? 'true' : undefined}
            aria-describedby={describedBy('reference', 'link-reference-hint')}
          />
          <span class="hint" id="link-reference-hint">
            {s.linkReferenceHint}
          </span>
          <ErrorText field="reference" />
        </div>
        <div class="actions">
          <button type="submit" class="button">
            {s.createLink}
          </button>
        </div>
      </form>
    </DashboardLayout>
  )
}
