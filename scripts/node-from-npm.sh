#!/usr/bin/env bash
# Node.js 22 from the npm registry, for a machine whose Node is older than package.json's
# `engines` and that reaches only the npm registry (as CI here): the `node` package brings
# the binary for this system as another npm package. It goes into a cache folder, once;
# the line printed puts it first on PATH:
#   eval "$(bash scripts/node-from-npm.sh)"
set -euo pipefail
major="${WORKBENCH_NODE_MAJOR:-22}"
dir="${WORKBENCH_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nmi-workbench/node-$major}"
if ! "$dir/node_modules/.bin/node" --version >/dev/null 2>&1; then
  echo "Installing Node.js $major from the npm registry into $dir (once)…" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$major" >&2
fi
echo "Node.js $("$dir/node_modules/.bin/node" --version) from $dir" >&2
echo "export PATH=\"$dir/node_modules/.bin:\$PATH\""
