#!/bin/sh
# Compiles fr_FR.UTF-8 and es_ES.UTF-8 into the folder $1, for the tests
# that read numbers as those locales write them (LOCPATH=$1): a fresh
# Debian has only C.UTF-8, and the tests must not change the system's.
# Without localedef or the locales package's sources it compiles nothing,
# and those tests say they were skipped. $2 is the stamp meson waits for.
set -eu
out=$1
stamp=$2
mkdir -p "$out"
for locale in fr_FR es_ES; do
  if command -v localedef >/dev/null 2>&1 && [ -f "/usr/share/i18n/locales/$locale" ]; then
    # -c: glibc's own sources draw warnings that would fail the build.
    localedef -c -i "$locale" -f UTF-8 "$out/$locale.UTF-8" || rm -rf "$out/$locale.UTF-8"
  fi
done
touch "$stamp"
