#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without building it (no network here).

These are health records: the sandbox must have no network and no files
but those a person hands it through a portal's file chooser, so that the
permissions a store shows match what README promises. Also that it builds
this repository, with meson, on a GNOME runtime recent enough.

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""

import json
import os
import sys

# The oldest GNOME runtime the manifest may name; the API stays pinned to
# Debian 12's versions at compile time whatever the runtime.
OLDEST_RUNTIME = 47

REQUIRED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}

problems = []


def refuse_duplicates(pairs):
    # json.load keeps the last of two equal keys, silently; flatpak-builder
    # might not read the same one.
    keys = [key for key, _ in pairs]
    for key in sorted({key for key in keys if keys.count(key) > 1}):
        problems.append(f"the key {key!r} appears twice in one object")
    return dict(pairs)


def refused_finish_arg(arg):
    """Why ARG is refused, or None."""
    if arg == "--share=network":
        return "network access"
    if arg.startswith("--filesystem"):
        return "file access other than through portals"
    if arg in ("--socket=x11", "--socket=session-bus", "--socket=system-bus",
               "--device=all", "--device=shm"):
        return "more than the app needs"
    if arg.startswith("--talk-name=org.freedesktop.Flatpak"):
        return "a way out of the sandbox"
    return None


def check_build_args(module, where):
    build_args = module.get("build-options", {}).get("build-args", [])
    if "--share=network" in build_args:
        problems.append(f"{where} builds with network access")
    for child in module.get("modules", []):
        if isinstance(child, dict):
            check_build_args(child, f"module {child.get('name')!r}")


def main():
    manifest_path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f, object_pairs_hook=refuse_duplicates)
    except ValueError as error:
        print(f"{manifest_path}: not valid JSON: {error}", file=sys.stderr)
        return 1

    manifest_id = manifest.get("id", manifest.get("app-id"))
    if manifest_id != app_id:
        problems.append(f"the id is {manifest_id!r}, not {app_id!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append(f"the runtime is {manifest.get('runtime')!r}, not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append(f"the SDK is {manifest.get('sdk')!r}, not org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < OLDEST_RUNTIME:
        problems.append(f"the runtime version is {version!r}, not {OLDEST_RUNTIME} or later")
    if manifest.get("command") != "recovery-capital":
        problems.append(f"the command is {manifest.get('command')!r}, not recovery-capital")

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        reason = refused_finish_arg(arg)
        if reason is not None:
            problems.append(f"finish-args has {arg}: {reason}")
    for arg in sorted(REQUIRED_FINISH_ARGS - set(finish_args)):
        problems.append(f"finish-args lacks {arg}")

    check_build_args(manifest, "the manifest")

    # The last module is the app: meson, from this repository.
    modules = manifest.get("modules") or [{}]
    app = modules[-1] if isinstance(modules[-1], dict) else {}
    if app.get("buildsystem") != "meson":
        problems.append(f"the app's module builds with {app.get('buildsystem')!r}, not meson")
    here = os.path.dirname(os.path.abspath(manifest_path))
    sources = [s for s in app.get("sources", [])
               if s.get("type") in ("dir", "git") and "path" in s]
    if not sources:
        problems.append("the app's module has no dir or git source with a path to this repository")
    for source in sources:
        root = os.path.normpath(os.path.join(here, source["path"]))
        meson_build = os.path.join(root, "meson.build")
        try:
            with open(meson_build, encoding="utf-8") as f:
                is_ours = "project('recovery-capital'" in f.read()
        except OSError:
            is_ours = False
        if not is_ours:
            problems.append(f"the source path {source['path']!r} is not this repository ({root})")

    for problem in problems:
        print(f"{manifest_path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
