#!/usr/bin/python3
"""The Flatpak manifest parses, is for this application, and builds every library the meson
build asks for that the GNOME runtime does not ship, with OpenCV trimmed to exactly the
modules the code links."""
import json
import re
import sys

source_root = sys.argv[1]
with open(f"{source_root}/flatpak/io.github.linecheck.Linecheck.json") as f:
    manifest = json.load(f)
with open(f"{source_root}/meson.build") as f:
    meson = f.read()

problems = []
app_id = re.search(r"app_id = '([^']+)'", meson).group(1)
if manifest.get("id") != app_id:
    problems.append(f"manifest id {manifest.get('id')} is not the app id {app_id}")
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    problems.append("the manifest must use the GNOME runtime and SDK")
if manifest.get("command") != "linecheck":
    problems.append("the command must be linecheck")

finish = set(manifest.get("finish-args", []))
for needed, why in [("--share=network", "Modbus TCP and GigE Vision cameras"),
                    ("--device=all", "USB cameras and serial gauges"),
                    ("--socket=wayland", "the window"),
                    ("--socket=fallback-x11", "the window on X11")]:
    if needed not in finish:
        problems.append(f"finish-args lacks {needed} ({why})")

modules = {m["name"]: m for m in manifest["modules"] if isinstance(m, dict)}
# What the GNOME runtime ships; everything else the build depends on must be a module.
runtime = {"glib-2.0", "gobject-2.0", "gio-2.0", "gio-unix-2.0", "sqlite3", "json-glib-1.0", "cairo",
           "pangocairo", "gtk4", "libadwaita-1", "threads"}
provided_by = {"libmodbus": "libmodbus", "aravis-0.8": "aravis", "libsodium": "libsodium",
               "opencv4": "opencv"}
for dep in re.findall(r"dependency\('([^']+)'", meson):
    if dep in runtime:
        continue
    module = provided_by.get(dep)
    if module is None or module not in modules:
        problems.append(f"meson.build depends on {dep}, which no manifest module builds")
if "aravis" in modules and "libusb" not in modules:
    problems.append("aravis needs libusb, which no module builds")

opencv_used = re.search(r"opencv_modules = \[([^\]]*)\]", meson).group(1)
opencv_used = sorted(re.findall(r"'([^']+)'", opencv_used))
opts = " ".join(modules.get("opencv", {}).get("config-opts", []))
build_list = re.search(r"-DBUILD_LIST=([\w,]+)", opts)
if not build_list or sorted(build_list.group(1).split(",")) != opencv_used:
    problems.append(f"OpenCV's BUILD_LIST must be exactly the modules meson.build uses: {opencv_used}")
if "-DOPENCV_GENERATE_PKGCONFIG=ON" not in opts:
    problems.append("OpenCV must install opencv4.pc for meson to find it")

last = manifest["modules"][-1]
if last.get("name") != "linecheck" or last.get("buildsystem") != "meson":
    problems.append("the last module must be linecheck itself, built with meson")

for m in manifest["modules"]:
    for s in m.get("sources", []):
        if s.get("type") == "git" and not (s.get("tag") or s.get("commit")):
            problems.append(f"module {m['name']}: a git source must name a tag or commit")

for p in problems:
    print(p)
print(f"{len(manifest['modules'])} modules checked, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
