#!/usr/bin/env bash
# Build every dated version of the site into SITE_DIR/releases/YYYY-MM-DD/ (README, "Dated versions").
#
#   scripts/build-releases.sh CURRENT_URL SITE_DIR
#
# CURRENT_URL is the current site's address (the deploy workflow's Pages URL); SITE_DIR the
# current site, already built. Each git tag release-YYYY-MM-DD is checked out on its own
# (git worktree) and built as it stood that day: its content, its code and its pinned
# dependencies (`make site`, which makes the checkout its own .venv), with the settings that
# make it a dated version: a notice on every page linking to the current page, a canonical
# link to it and noindex. Run from the repository's root. Stops at the first release that
# does not build, so a broken release is never published as if it were there.
#
# RELEASE_BUILD replaces `make site` (the tests build with the interpreter that runs them);
# GLOSSARY replaces `.venv/bin/glossary`, which lists the releases.
set -euo pipefail

usage="usage: scripts/build-releases.sh CURRENT_URL SITE_DIR"
current_url=${1:?$usage}
site_dir=${2:?$usage}
[ -d "$site_dir" ] || { echo "build-releases: no such folder: $site_dir (build the current site first)" >&2; exit 2; }
site_dir=$(cd "$site_dir" && pwd)
case $current_url in */) ;; *) current_url="$current_url/" ;; esac
build=${RELEASE_BUILD:-make site}
glossary=${GLOSSARY:-.venv/bin/glossary}

work=$(mktemp -d)
cleanup() {
  for checkout in "$work"/*; do
    [ -d "$checkout" ] && git worktree remove --force "$checkout"
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Newest first; warns about tags that look like releases but are not (release-2026-13-01).
tags=$($glossary releases)
[ -n "$tags" ] || { echo "build-releases: no release tags (release-YYYY-MM-DD); nothing to build"; exit 0; }
for tag in $tags; do
  date=${tag#release-}
  checkout="$work/$date"
  git worktree add --quiet --detach "$checkout" "refs/tags/$tag"
  if ! grep -q "GLOSSARY_RELEASE" "$checkout/mkdocs.yml"; then
    echo "::error::$tag is on a commit from before dated versions existed, so it cannot be built as one." \
         "Move the tag to a later commit, or delete it: git push --delete origin $tag" >&2
    exit 1
  fi
  echo "Building $tag into releases/$date/"
  # No "edit this page" links in a copy that cannot be edited.
  (cd "$checkout" && env -u GLOSSARY_EDIT_URI -u GLOSSARY_DIRECTORY_URLS \
     SITE_URL="${current_url}releases/$date/" GLOSSARY_RELEASE="$date" GLOSSARY_CURRENT_URL="$current_url" \
     sh -c "$build") || { echo "::error::$tag did not build; see above" >&2; exit 1; }
  mkdir -p "$site_dir/releases"
  rm -rf "${site_dir:?}/releases/$date"
  cp -R "$checkout/site" "$site_dir/releases/$date"
  git worktree remove --force "$checkout"
done
echo "Built $(echo "$tags" | wc -w) dated version(s) into $site_dir/releases/"
