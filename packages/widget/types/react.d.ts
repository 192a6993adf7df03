/**
 * `<portmanat-checkout>` in React's JSX (React 18 and 19): `import type {} from
 * '@portmanat-checkout/widget/react'` once in the app. React 19 passes `on…` props of custom
 * elements to `addEventListener` (`onportmanat:success`); with React 18 use a ref.
 */
import type { PortmanatCheckoutAttributes, PortmanatCheckoutEventMap } from './index.d.ts'

type EventProps = {
  [K in keyof PortmanatCheckoutEventMap as `on${K}`]?: (event: PortmanatCheckoutEventMap[K]) => void
}

type Element = PortmanatCheckoutAttributes &
  EventProps &
  import('react').DetailedHTMLProps<import('react').HTMLAttributes<HTMLElement>, HTMLElement>

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'portmanat-checkout': Element
    }
  }
}

declare global {
  namespace JSX {
    interface IntrinsicElements {
      'portmanat-checkout': Element
    }
  }
}
