#!/usr/bin/env bash
# Compiles Oracle.java against the axis SDK jars and runs it.
#
#   VANTHU_AXIS_SDK_DIR=".../API-Gateway-iOffice/JDK 1.8/SDKVXP_Example" \
#     tools/axis-oracle/run.sh (edoc|status) file...
#
# Prints one JSON object per file on stdout (see Oracle.java / README.md).
# Exit codes: 3 = environment problem (SDK folder or Java missing),
#             2 = bad usage, otherwise the exit code of the Java program.
set -euo pipefail

script="${BASH_SOURCE[0]}"
case "$script" in
  */*) here="$(cd "${script%/*}" && pwd)" ;;
  *) here="$(pwd)" ;;
esac

fail_env() {
  echo "axis-oracle: $*" >&2
  echo "axis-oracle: see $here/README.md" >&2
  exit 3
}

sdk="${VANTHU_AXIS_SDK_DIR:-}"
if [ -z "$sdk" ]; then
  fail_env "VANTHU_AXIS_SDK_DIR is not set; point it at the SDK's \"JDK 1.8/SDKVXP_Example\" folder"
fi
if [ ! -d "$sdk/lib" ]; then
  fail_env "VANTHU_AXIS_SDK_DIR=$sdk does not exist or has no lib/ folder"
fi
shopt -s nullglob
edxml_jars=("$sdk"/lib/EdXML102-*.jar)
shopt -u nullglob
if [ "${#edxml_jars[@]}" -eq 0 ]; then
  fail_env "no EdXML102-*.jar in $sdk/lib"
fi
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  fail_env "java and javac (JDK 11 or newer) must be on PATH"
fi

if [ "$#" -lt 2 ] || { [ "$1" != "edoc" ] && [ "$1" != "status" ]; }; then
  echo "usage: $0 (edoc|status) file..." >&2
  exit 2
fi

sdk_cp="$sdk/lib/*"
out="$(mktemp -d "${TMPDIR:-/tmp}/axis-oracle.XXXXXX")"
trap 'rm -rf "$out"' EXIT

javac -nowarn -encoding UTF-8 -cp "$sdk_cp" -d "$out" "$here/Oracle.java"

# Not exec: the EXIT trap must still remove the compiled classes.
java -cp "$out:$sdk_cp" Oracle "$@"
