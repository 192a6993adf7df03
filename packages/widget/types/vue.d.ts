/**
 * `<portmanat-checkout>` in Vue templates (Volar): `import type {} from
 * '@portmanat-checkout/widget/vue'` once in the app, and tell the compiler it is a custom
 * element (`compilerOptions.isCustomElement: (tag) => tag === 'portmanat-checkout'`).
 * Events: `@portmanat:success="…"`.
 */
import type { DefineComponent } from 'vue'
import type { PortmanatCheckoutAttributes } from './index.d.ts'

declare module 'vue' {
  interface GlobalComponents {
    'portmanat-checkout': DefineComponent<PortmanatCheckoutAttributes>
  }
}
