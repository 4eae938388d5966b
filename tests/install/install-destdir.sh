#!/usr/bin/env bash
# Installs the build into a scratch DESTDIR, the way a distribution builds
# its package, and checks what lands there: every file we mean to install
# and nothing else, with sane modes, and manual pages that render without
# a warning and describe every command and option the programs have.
#
# usage: install-destdir.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR MANDIR LOCALEDIR APP_ID
# (BINDIR and the others are absolute, as the build's options resolve them.)
set -euo pipefail

meson=$1 build=$2 source=$3 prefix=$4 bindir=$5 datadir=$6 mandir=$7 localedir=$8 app_id=$9

scratch=$(mktemp -d "${TMPDIR:-/tmp}/rc-destdir.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
destdir=$scratch/root
failures=0

fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# --no-rebuild: meson test has just built everything, and a test must not
# drive ninja in the build folder it runs from.
if ! "$meson" install -C "$build" --destdir "$destdir" --no-rebuild >"$scratch/install.log" 2>&1; then
  cat "$scratch/install.log" >&2
  echo "FAIL: meson install --destdir failed" >&2
  exit 1
fi

# What we mean to install: both programs, their manuals and the data a
# desktop needs to show and run the app.
expected=(
  "$bindir/recovery-capital"
  "$bindir/recovery-capital-cli"
  "$mandir/man1/recovery-capital.1"
  "$mandir/man1/recovery-capital-cli.1"
  "$datadir/applications/$app_id.desktop"
  "$datadir/metainfo/$app_id.metainfo.xml"
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
  "$datadir/recovery-capital/schema/recovery-capital-profile-1.xsd"
)
# One catalogue per language the translators list; LINGUAS may be empty.
languages=$(sed -e 's/#.*//' "$source/po/LINGUAS" | tr -s ' \t' '\n' | sed '/^$/d')
for lang in $languages; do
  expected+=("$localedir/$lang/LC_MESSAGES/recovery-capital.mo")
done

for path in "${expected[@]}"; do
  [ -f "$destdir$path" ] || fail "$path is not installed"
done

# The user guide (help/, gnome.yelp) is installed page by page, and its
# pages are its authors' to name: it must have its start page in C.
help_dir=$datadir/help
if [ -d "$source/help" ]; then
  compgen -G "$destdir$help_dir/C/*/index.page" >/dev/null ||
    fail "help/ exists but no $help_dir/C/*/index.page is installed"
fi

# Everything meson says it installs is there (this also covers what is
# installed by rules this test doesn't name, such as the help pages).
"$meson" introspect --installed "$build" >"$scratch/installed.json"
while IFS= read -r path; do
  [ -e "$destdir$path" ] || [ -L "$destdir$path" ] || fail "meson lists $path, which was not installed"
done < <(python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1])).values()))' \
           "$scratch/installed.json")

# Nothing else: a benchmark, a test program or another catalogue installed
# by mistake would go into every package.
is_expected () {
  local candidate=$1 path
  for path in "${expected[@]}"; do
    [ "$candidate" = "$path" ] && return 0
  done
  case $candidate in
    "$help_dir"/*) [ -d "$source/help" ] && return 0 ;;
  esac
  return 1
}
while IFS= read -r file; do
  path=${file#"$destdir"}
  is_expected "$path" || fail "$path is installed but not expected"
done < <(find "$destdir" \( -type f -o -type l \) | sort)

# Modes: programs 0755, everything else 0644, folders 0755, whatever the
# umask of whoever builds the package. Symbolic links (yelp links the
# translations' figures to C's) must point somewhere.
while IFS= read -r file; do
  path=${file#"$destdir"}
  if [ -L "$file" ]; then
    [ -e "$file" ] || fail "$path is a dangling symbolic link"
    continue
  fi
  mode=$(stat -c %a "$file")
  if [ -d "$file" ]; then
    want=755
  elif [ "$(dirname "$path")" = "$bindir" ]; then
    want=755
  else
    want=644
  fi
  [ "$mode" = "$want" ] || fail "$path has mode $mode, not $want"
done < <(find "$destdir" -mindepth 1 | sort)

# The installed programs, with nothing from the test's environment (no
# build catalogues through RC_LOCALEDIR, no build schemas) and in English,
# so that their help can be compared with the manuals.
run_installed () {
  env -i PATH=/usr/bin:/bin HOME="$scratch" LC_ALL=C.UTF-8 "$@"
}
cli=$destdir$bindir/recovery-capital-cli
app=$destdir$bindir/recovery-capital

# The manual's source with its escapes undone: \- is a hyphen, fonts and
# spacing escapes go.
plain_page () {
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' -e 's/\\|//g' "$1"
}
# The first words of the page's entries (.TP tags): commands, options,
# exit statuses.
entries () {
  plain_page "$1" | awk 'tag { sub(/^\.[A-Z]+ /, ""); gsub(/"/, ""); print $1; tag = 0 }
                         /^\.TP/ { tag = 1 }'
}
# Every long option a GOption --help output lists.
options_of () {
  grep -oE '^ +(-[a-z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z][a-z-]*'
}

check_man_page () {
  local page=$destdir$mandir/man1/$1.1 warnings
  [ -f "$page" ] || return 0
  if ! warnings=$(groff -man -ww -z "$page" 2>&1) || [ -n "$warnings" ]; then
    fail "$1.1 does not render cleanly with groff -man -ww:"
    echo "$warnings" >&2
  fi
  grep -q '^\.SH EXIT STATUS' "$page" || fail "$1.1 has no EXIT STATUS section"
  # Dated by the build (data/meson.build), as YYYY-MM-DD.
  grep -qE '^\.TH [A-Z-]+ 1 [0-9]{4}-[0-9]{2}-[0-9]{2} ' "$page" ||
    fail "$1.1 has no date of the form YYYY-MM-DD in its .TH line"
}

if ! command -v groff >/dev/null; then
  fail "groff is not installed (build-aux/deps --test installs it)"
else
  check_man_page recovery-capital
  check_man_page recovery-capital-cli
fi

cli_page=$destdir$mandir/man1/recovery-capital-cli.1
app_page=$destdir$mandir/man1/recovery-capital.1
if [ -f "$cli_page" ] && [ -x "$cli" ]; then
  cli_entries=$(entries "$cli_page")
  cli_text=$(plain_page "$cli_page")
  commands=$(run_installed "$cli" --help |
               sed -n '/^Commands:/,/^Options:/p' | grep -oE '^  [a-z][a-z-]*' | tr -d ' ')
  [ -n "$commands" ] || fail "recovery-capital-cli --help lists no commands"
  for command in $commands; do
    grep -qx -- "$command" <<<"$cli_entries" ||
      fail "recovery-capital-cli.1 has no entry for the command $command"
    for option in $(run_installed "$cli" "$command" --help | options_of); do
      grep -qF -- "$option" <<<"$cli_text" ||
        fail "recovery-capital-cli.1 does not mention $command's option $option"
    done
  done
  for option in $(run_installed "$cli" --help | sed -n '/^Options:/,$p' | options_of); do
    grep -qF -- "$option" <<<"$cli_text" ||
      fail "recovery-capital-cli.1 does not mention the option $option"
  done
  # The exit statuses README and the program's --help promise.
  for status in 0 1 2 3; do
    grep -qx -- "$status" <<<"$cli_entries" ||
      fail "recovery-capital-cli.1 does not describe exit status $status"
  done
fi
if [ -f "$app_page" ] && [ -x "$app" ]; then
  app_text=$(plain_page "$app_page")
  for option in $(run_installed "$app" --help-all | options_of); do
    grep -qF -- "$option" <<<"$app_text" ||
      fail "recovery-capital.1 does not mention the option $option"
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s) in the installation into $prefix" >&2
  exit 1
fi
echo "installed into DESTDIR$prefix: ${#expected[@]} expected files, modes and manual pages checked"
