#!/usr/bin/env bash
# Issue 18: affiches side by side with its peers on the same A4 fr+nl
# complaint poster, in one run: Typst 0.14 (in Node) and WeasyPrint for the
# tagged PDF, mutool and pdftoppm for the 150 dpi PNG preview. Installs what
# is missing (Debian packages, and Typst from npm into bench/peers/typst),
# builds affiches, checks that every PDF carries the same page, measures, and
# prints a Markdown table for README.md.
#
#   bash bench/peers.sh [-runs N] [-png N] [-warm N] [-count N] [-keep DIR]
#
# -runs: cold command runs of each (30); -png: PNG preview command runs of
# each (20); -warm: warm Typst pages of each kind in one Node process (30);
# -count: go test -count of the in-process benchmarks (5); -keep: also copy
# the pages and PDFs there. About 2 minutes with the defaults on 2 cores
# (3 when other work keeps them busy).
set -euo pipefail
cd "$(dirname "$0")/.."

# Setup, idempotent: only what is missing is installed.
need=()
command -v weasyprint >/dev/null || need+=(weasyprint)
command -v mutool >/dev/null || need+=(mupdf-tools)
for t in pdftoppm pdftotext pdffonts pdfinfo; do command -v $t >/dev/null || { need+=(poppler-utils); break; }; done
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
if ((${#need[@]})); then
	echo "peers: installing ${need[*]} (Debian)" >&2
	if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
typst=bench/peers/typst
if [ ! -d "$typst/node_modules/@myriaddreamin/typst-ts-node-compiler" ] || [ "$typst/package-lock.json" -nt "$typst/node_modules/.package-lock.json" ]; then
	echo "peers: installing Typst 0.14 for Node (npm ci in $typst)" >&2
	(cd "$typst" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Fail loudly if anything is still missing.
missing=()
for t in weasyprint mutool pdftoppm pdftotext pdffonts pdfinfo zbarimg node go; do
	command -v $t >/dev/null || missing+=($t)
done
node -e "require('./$typst/node_modules/@myriaddreamin/typst-ts-node-compiler')" 2>/dev/null || missing+=("Typst for Node ($typst)")
if ((${#missing[@]})); then
	echo "peers: MISSING after setup: ${missing[*]}" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Built as the README installs it: static, without cgo (affiches has no C
# code; only net would link the C library, which costs a command 1 ms).
CGO_ENABLED=0 go build -o "$work/affiches" ./cmd/affiches
echo "uptime:$(uptime)"
go run ./bench/peers -affiches "$work/affiches" "$@"
