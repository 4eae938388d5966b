#!/usr/bin/env bash
# Starts the app on DATABASE, prints its window's size as WIDTHxHEIGHT once
# the window is shown, and quits it through its app.quit action, as Ctrl+Q
# does (what is pending is saved first). Run under dbus-run-session by
# install-prefix.sh, so the app owns its name on a bus of its own.
#
# usage: run-window.sh APP APP_ID DATABASE
set -euo pipefail

app=$1 app_id=$2 database=$3

"$app" --database "$database" >&2 &
pid=$!
quit () {
  kill "$pid" 2>/dev/null || true
}
trap quit EXIT

# GTK sets _NET_WM_PID, so the window is found by the process that made it.
window=$(timeout 30 xdotool search --sync --onlyvisible --pid "$pid" | head -n1)
if [ -z "$window" ]; then
  echo "no window of process $pid appeared within 30 s" >&2
  exit 1
fi
eval "$(xdotool getwindowgeometry --shell "$window")"

object_path=/${app_id//.//}
gdbus call --session --dest "$app_id" --object-path "$object_path" \
      --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null
for _ in $(seq 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "the app did not quit within 10 s of app.quit" >&2
  exit 1
fi
trap - EXIT
status=0
wait "$pid" || status=$?
if [ "$status" -ne 0 ]; then
  echo "the app exited with status $status" >&2
  exit 1
fi
echo "${WIDTH}x${HEIGHT}"
