import { version as packageVersion } from '../package.json'

/** The widget's version, as in `/widget/{version}/widget.js`. */
export const version: string = packageVersion
