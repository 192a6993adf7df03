// better-sqlite3 has no prebuilt binary for every platform; where the download fails it is
// compiled by node-gyp, which would fetch Node's headers from the internet. When this Node's
// headers are installed locally (Debian's nodejs puts them under /usr/include/node), point
// node-gyp at them so the install also works offline. pnpm passes only an allowlist of
// environment variables to build scripts, hence extraEnv.
const fs = require('node:fs')
const path = require('node:path')

function localNodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..')
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined
}

module.exports = {
  hooks: {
    updateConfig(config) {
      const nodedir = process.env.npm_config_nodedir || localNodeDir()
      if (!nodedir) return config
      return { ...config, extraEnv: { ...config.extraEnv, npm_config_nodedir: nodedir } }
    },
  },
}
