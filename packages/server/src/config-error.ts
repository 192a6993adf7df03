/** The configuration's error and input type, apart so that every module reading a part of it can use them. */

/** A configuration problem, phrased as the one line the process prints before exiting. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`)
    this.name = 'ConfigError'
  }
}

/** Environment variables as read (the process environment over `.env`). */
export type Env = Readonly<Record<string, string | undefined>>
