/**
 * Page-wide defaults: the script-tag entry sets the endpoint to the origin `widget.js` came
 * from; `define({ endpoint })` sets it for bundler users.
 */
export const defaults: { endpoint?: string | undefined } = {}
