#!/usr/bin/env bash
# The browser test: writes the demo's pages with spm and loads each in Debian's Chromium
# (headless, through playwright-core) to check it: no network request, no breach of its own
# Content-Security-Policy, no WCAG 2.2 AA violation that axe-core finds, no sideways scroll on a
# 375 px phone. Keeps screenshots (1280 and 375 px) and a PDF print of every page in
# tests/browser/out/, and refreshes docs/board.png and docs/leadership.png for the README.
#
# Installs what it needs when missing: Debian's chromium and fonts-dejavu-core (apt-get, as root
# or through sudo), and the npm packages pinned in tests/browser/package-lock.json (npm ci; no
# browser download). Environment:
#   SPM_BIN   a built spm to use instead of building this checkout (cargo build, debug)
#   CHROMIUM  the browser (default /usr/bin/chromium)
#   KEEP      set it to keep the temporary folder with the database and the pages
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$HERE/out"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
YEAR=2025/26

say() { printf '%s\n' "$*" >&2; }
fail() { say "browser test: $*"; exit 1; }
started=$SECONDS

# --- what the test needs --------------------------------------------------------------------

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
# Text is measured (contrast, widths) and drawn in a real font: DejaVu, the same on every run.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# playwright-core needs Node.js 20 or later, which the machine brings; Debian 12's nodejs is 18.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    command -v apt-get >/dev/null 2>&1 ||
        fail "no apt-get here; install ${missing[*]} yourself and run this again"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
        { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }
    [ -x "$CHROMIUM" ] || fail "chromium is still not at $CHROMIUM after installing it"
fi

# The npm packages exactly as locked; reinstalled only when the lock changed since the last run.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
lock_sum=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
stamp="$HERE/node_modules/.spm-lock-sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
    say "installing the npm packages from tests/browser/package-lock.json"
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    printf '%s\n' "$lock_sum" >"$stamp"
fi

# --- spm and the demo's pages ---------------------------------------------------------------

if [ -n "${SPM_BIN:-}" ]; then
    SPM=$(realpath "$SPM_BIN")
else
    say "building spm (debug)"
    cargo build --quiet --locked --manifest-path "$ROOT/Cargo.toml"
    SPM="${CARGO_TARGET_DIR:-$ROOT/target}/debug/spm"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spm-browser.XXXXXX")
if [ -n "${KEEP:-}" ]; then
    say "keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi
# Everything spm writes is in $WORK (never the checkout, never ~/.local/share/spm).
cd "$WORK"
export SPM_DB="$WORK/demo.db" SPM_TODAY=2026-11-23 NO_COLOR=1
unset SPM_FORMAT
"$SPM" init --demo >/dev/null 2>"$WORK/stderr" || fail "spm init --demo failed: $(cat "$WORK/stderr")"

mkdir -p pages
pages=()
write() { # write PAGE spm-arguments...: one page, or fail naming the command
    local page=$1
    shift
    "$SPM" "$@" -o "pages/$page" 2>"$WORK/stderr" ||
        fail "spm $* -o $page failed: $(cat "$WORK/stderr")"
    pages+=("pages/$page")
}
# The leadership page, and the board as a list page (--format html on a report or list).
write year.html report all --year "$YEAR"
write board-list.html --format html rec board
write projects.html --format html project list

# The public site, once spm has `publish`: every page it writes.
leadership="pages/year.html"
board="pages/board-list.html"
if "$SPM" publish --help >/dev/null 2>&1; then
    "$SPM" publish --year "$YEAR" -o pages/site 2>"$WORK/stderr" ||
        fail "spm publish --year $YEAR -o site/ failed: $(cat "$WORK/stderr")"
    mapfile -t site < <(find pages/site -name '*.html' | LC_ALL=C sort)
    [ ${#site[@]} -gt 0 ] || fail "spm publish wrote no .html page"
    for page in index.html board.html archive.html; do
        [ -f "pages/site/$page" ] || fail "spm publish wrote no $page"
    done
    pages+=("${site[@]}")
    board="pages/site/board.html"
else
    say "spm has no publish command yet: checking the report and list pages only"
fi

# --- the checks -----------------------------------------------------------------------------

# First, that each check still catches what it is for: a page that breaks every rule must fail,
# and for each reason.
self_status=0
self=$(node "$HERE/check.mjs" --out "$WORK/self" "$HERE/fixtures/bad.html" 2>&1) || self_status=$?
[ "$self_status" -eq 0 ] && fail "check.mjs passed fixtures/bad.html, a page that breaks every rule: $self"
[ "$self_status" -eq 1 ] || fail "check.mjs could not check fixtures/bad.html: $self"
for expected in "made a network request: https://example.invalid/" "breaks its CSP" \
    "axe image-alt" "axe color-contrast" "axe html-has-lang" "at 375 px the document scrolls sideways"; do
    grep -qF "$expected" <<<"$self" ||
        fail "check.mjs no longer catches '$expected' in fixtures/bad.html; it said: $self"
done

rm -rf "$OUT"
status=0
node "$HERE/check.mjs" --out "$OUT" \
    --doc "$ROOT/docs/board.png=$board" --doc "$ROOT/docs/leadership.png=$leadership" \
    "${pages[@]}" || status=$?
say "browser test took $((SECONDS - started)) s"
exit "$status"
