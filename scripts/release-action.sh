#!/usr/bin/env bash
# Publishes the Action for a release tag: builds dist/action.mjs from the tagged source, commits it on top of
# that source (branches never carry dist/: it would go stale on every merge), points the tag at that commit,
# moves the major tag (v1) to it, and pushes both. `uses: OWNER/bug-lifecycle@v1` then runs a bundle built
# from its own source. Run by .github/workflows/release.yml; a team can run it by hand from a clean checkout
# of the tag (docs/action.md, "Releasing"). Tested by test/action/release.test.ts against a local remote.
#
# Usage: scripts/release-action.sh vX.Y.Z [REMOTE]   (REMOTE defaults to origin)
set -euo pipefail
tag="${1:?usage: scripts/release-action.sh vX.Y.Z [REMOTE]}"
remote="${2:-origin}"
if ! [[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "release-action: $tag is not a release tag (vX.Y.Z)" >&2
  exit 2
fi
major="${tag%%.*}"
cd "$(dirname "$0")/.."
# The bundle must be built from exactly the tagged source: the checkout is the tag, with nothing changed.
if [ "$(git rev-parse HEAD)" != "$(git rev-parse "$tag^{commit}")" ]; then
  echo "release-action: HEAD is not $tag: check out the tag first (git checkout $tag)" >&2
  exit 2
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release-action: the checkout has uncommitted changes; the bundle must be built from $tag as tagged" >&2
  exit 2
fi
node scripts/build-action.mjs
git add --force dist/action.mjs
git -c user.name="${GIT_AUTHOR_NAME:-github-actions[bot]}" \
    -c user.email="${GIT_AUTHOR_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}" \
    commit --quiet --no-verify -m "Action bundle for $tag (scripts/release-action.sh)"
git tag --force "$tag"
git tag --force "$major"
git push --force "$remote" "refs/tags/$tag" "refs/tags/$major"
echo "release-action: $tag and $major → $(git rev-parse --short HEAD) (dist/action.mjs built from $tag)"
