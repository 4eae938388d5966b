#!/bin/sh
# Fails when po/recovery-capital.pot is stale (a message marked for
# translation, or one no longer used, that it doesn't match), or when a
# translation in po/LINGUAS leaves a message untranslated or fuzzy, or
# msgfmt --check finds a fault in it (a format that doesn't match, a bad
# header), or when a translator's comment in the sources does not reach
# the .pot. So every new message arrives translated, and explained.
set -eu
root=$1
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# The messages as the sources mark them now, with the keywords of meson's
# glib preset and our own (po/meson.build), which make the committed .pot.
xgettext --from-code=UTF-8 --directory="$root" --files-from=po/POTFILES.in \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=rc_i18n_count:1,2 --add-comments \
  --output="$tmp/current.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }

# msgcmp compares the messages alone, not where they come from: each way
# round, so that added and removed messages both count.
if ! msgcmp --use-untranslated po/recovery-capital.pot "$tmp/current.pot" >"$tmp/cmp.log" 2>&1 ||
   ! msgcmp --use-untranslated "$tmp/current.pot" po/recovery-capital.pot >>"$tmp/cmp.log" 2>&1; then
  sed 's/^/  /' "$tmp/cmp.log"
  echo "po/recovery-capital.pot is stale: run meson compile -C BUILD recovery-capital-pot," \
       "then meson compile -C BUILD recovery-capital-update-po, and translate what is new"
  status=1
fi

# xgettext keeps a translator's comment only on the line right above the
# message's string: above the call, with the string on a later line, it
# is dropped without a word.
for file in $(grep -v '^#' po/POTFILES.in | grep '\.c$'); do
  grep -o '/\* Translators:.*' "$file" | sed 's|^/\* ||; s| *\*/$||' | while IFS= read -r comment; do
    if ! grep -qF "#. $comment" "$tmp/current.pot"; then
      echo "$file: the comment \"$comment\" does not reach the .pot: put it right above the string"
      echo missing >> "$tmp/comments"
    fi
  done
done
if [ -s "$tmp/comments" ]; then
  status=1
fi

for lang in $(sed 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS lists $lang, and $po does not exist"
    status=1
    continue
  fi
  if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/msgfmt.log"; then
    sed 's/^/  /' "$tmp/msgfmt.log"
    echo "$po: msgfmt --check finds faults"
    status=1
  fi
  # Every message of the sources translated, none fuzzy.
  if ! msgcmp "$po" "$tmp/current.pot" >"$tmp/cmp.log" 2>&1; then
    sed 's/^/  /' "$tmp/cmp.log"
    echo "$po: messages untranslated, fuzzy or missing"
    status=1
  fi
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid' || true)
  if [ "$fuzzy" -gt 0 ]; then
    echo "$po: $fuzzy fuzzy message(s) (including the header)"
    status=1
  fi
done
exit $status
