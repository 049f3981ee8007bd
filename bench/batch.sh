#!/usr/bin/env bash
# Times `affiches batch` on N copies of the demo profile (default 100) and
# reports the elapsed time and peak RSS. Targets: 100 bodies in 2 minutes,
# peak RSS 200 MiB, on 2 cores.
#
#   bash bench/batch.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Built as the README installs it: static, without cgo (affiches has no C
# code; only net would link the C library, which costs a command 1 ms).
CGO_ENABLED=0 go build -o "$work/affiches" ./cmd/affiches
mkdir "$work/profiles"
for i in $(seq 1 "$n"); do
	sed "s/Service public fédéral Exemple/Service Exemple $i/" internal/brand/demo.yaml >"$work/profiles/body$i.yaml"
done
/usr/bin/time -f "$n bodies: %e s elapsed, %U s user + %S s system CPU, %M KiB peak RSS" "$work/affiches" batch --orgs "$work/profiles" -o "$work/kits" 2>&1 | tail -2
echo "files: $(find "$work/kits" -type f | wc -l)"
