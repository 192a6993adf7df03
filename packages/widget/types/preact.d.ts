/**
 * `<portmanat-checkout>` in Preact's JSX: `import type {} from '@portmanat-checkout/widget/preact'`
 * once in the app. Event props are lower-case as Preact passes them to `addEventListener`.
 */
import type { PortmanatCheckoutAttributes, PortmanatCheckoutEventMap } from './index.d.ts'

type EventProps = {
  [K in keyof PortmanatCheckoutEventMap as `on${K}`]?: (event: PortmanatCheckoutEventMap[K]) => void
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'portmanat-checkout': PortmanatCheckoutAttributes & EventProps & HTMLAttributes<HTMLElement>
    }
  }
}
