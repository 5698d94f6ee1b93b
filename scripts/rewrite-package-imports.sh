#!/usr/bin/env bash
#! Purpose: rewrite test/ and bench/ imports of the old src/double and src/simulate paths to the workspace packages (re-run after merging branches that add such imports).
# Idempotent: `bash scripts/rewrite-package-imports.sh` from the repository root; prints the files it changed.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(grep -rlE '(\.\./)+(src|lib)/(double|simulate)/' test bench --include='*.ts' --include='*.mjs' || true)
for file in $files; do
  sed -E -i \
    -e 's#"(\.\./)+(src|lib)/double/[a-z-]+\.js"#"@bug-lifecycle/github-double"#g' \
    -e 's#"(\.\./)+(src|lib)/simulate/[a-z-]+\.js"#"@bug-lifecycle/simulate"#g' \
    "$file"
  echo "$file"
done
