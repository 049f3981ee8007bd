#!/usr/bin/env bash
# Renders the same A4 fr+nl complaint poster with affiches and with headless
# Chromium, cold from the command line and warm (chromedp; affiches in
# process), and prints per-poster time, peak RSS, PDF bytes, the ratios and
# affiches' batch throughput on all cores. Needs Debian's chromium.
#
#   bash bench/vs-chromium.sh [-cold N] [-warm N] [-chromium PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Built as the README installs it: static, without cgo (affiches has no C
# code; only net would link the C library, which costs a command 1 ms).
CGO_ENABLED=0 go build -o "$work/affiches" ./cmd/affiches
go run ./bench/chromium -affiches "$work/affiches" "$@"
