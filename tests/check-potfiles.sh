#!/bin/sh
# Fails when a source file with strings marked for translation is missing
# from po/POTFILES.in, so no user-visible text escapes the translators.
set -eu
root=$1
cd "$root"
status=0
for file in $(grep -rlE '(\b_|\bN_|\bC_|g_dngettext|rc_i18n_count) ?\("|translatable="yes"' src ui data --include='*.c' --include='*.ui' | sort); do
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "$file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
for file in $(grep -v '^#' po/POTFILES.in); do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done
exit $status
