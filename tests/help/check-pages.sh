#!/usr/bin/env bash
# tests/help/check-pages.sh SOURCE_ROOT — checks the user guide in help/C:
# every page is valid Mallard, has an id matching its file name, links only
# to pages and sections that exist and is reachable from the index; every
# page is installed (listed in help/meson.build); and every label the
# guide quotes as <gui> is one the app really shows (ui/*.ui, src/app/*.c),
# so that the guide does not drift away from the window.
#
# Needs yelp-check (Debian: yelp-tools). Without it the test is skipped
# (exit 77, which meson reports as SKIP), never passed.
set -uo pipefail

root=${1:?usage: check-pages.sh SOURCE_ROOT}
pages_dir="$root/help/C"
status=0

fail() {
    echo "FAIL: $*" >&2
    status=1
}

if ! command -v yelp-check >/dev/null 2>&1; then
    echo "SKIP: yelp-check is not installed (Debian package yelp-tools);" \
         "the help pages in help/C were not validated" >&2
    exit 77
fi

shopt -s nullglob
pages=("$pages_dir"/*.page)
if [ "${#pages[@]}" -eq 0 ]; then
    fail "no pages in $pages_dir"
    exit 1
fi

yelp-check validate "${pages[@]}" || fail "yelp-check validate"
# links, ids and orphans print what they find and exit non-zero for it.
yelp-check ids "$pages_dir" || fail "page ids that do not match their file names"
yelp-check links "$pages_dir" || fail "links to pages or sections that do not exist"
yelp-check orphans "$pages_dir" || fail "pages that no guide links to"

# Installed: each page is in help/meson.build, and each one listed exists.
listed=$(grep -o "'[A-Za-z0-9_.-]*\.page'" "$root/help/meson.build" | tr -d "'" | sort)
present=$(for page in "${pages[@]}"; do basename "$page"; done | sort)
if [ "$listed" != "$present" ]; then
    fail "help/meson.build does not list exactly the pages of help/C:"
    diff <(echo "$listed") <(echo "$present") >&2
fi

# The labels the guide quotes, against the app's own strings with their
# mnemonic underscores taken out. Only the English source is compared.
app_text=$(cat "$root"/ui/*.ui "$root"/src/app/*.c | tr -d '_')
labels=$(cat "${pages[@]}" | tr '\n' ' ' |
         grep -o '<gui[^>]*>[^<]*</gui>' |
         sed -e 's/<gui[^>]*>//' -e 's/<\/gui>//' -e 's/  */ /g' |
         sort -u)
while IFS= read -r label; do
    [ -n "$label" ] || continue
    if ! grep -qF -- "$label" <<<"$app_text"; then
        fail "the guide quotes “$label”, which the app does not show"
    fi
done <<<"$labels"

if [ "$status" -eq 0 ]; then
    echo "help/C: ${#pages[@]} pages valid, linked, installed; every quoted label found in the app"
fi
exit "$status"
