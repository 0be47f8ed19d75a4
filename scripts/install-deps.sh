#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build Yardstick, open its window and
# run its tests: a C toolchain for -sys crates, the X11/GL client libraries that eframe loads
# at run time, Mesa's software GL (llvmpipe), Xvfb for a virtual display, and xdotool and
# imagemagick for scripts/e2e-window.sh (drives the real window, takes screenshots).
# The CJK font is bundled in assets/fonts; fonts-noto-cjk is only needed to regenerate it.
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  gcc g++ libc6-dev pkg-config \
  xvfb xauth xdotool imagemagick \
  libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon0 libxkbcommon-x11-0 \
  libgl1 libegl1 libgl1-mesa-dri \
  > /dev/null
echo "install-deps: done"
