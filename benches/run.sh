#!/usr/bin/env bash
# Benchmarks spm against the sqlite3 shell running the same SQL, on a generated database.
# See benches/README.md. Sizes come from the environment:
#   PROJECTS (100000)  REVIEWS (1000000)  PEOPLE (50000)  SEED (1)
#   RUNS (5)  WARMUP (1)  KEEP (set it to keep the temporary folder)
#   STARTUP_RUNS (300)  STARTUP_ROUNDS (10)  STARTUP_ONLY (set it to time start-up alone)
#   SPM_BIN (a built spm to time instead of building this checkout)
set -euo pipefail

PROJECTS=${PROJECTS:-100000}
REVIEWS=${REVIEWS:-1000000}
PEOPLE=${PEOPLE:-50000}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

say() { printf '%s\n' "$*" >&2; }
quote() { printf '%q ' "$@"; }

# --- what the benchmark needs --------------------------------------------------------------

missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    if ! command -v apt-get >/dev/null 2>&1; then
        say "error: no apt-get here; install ${missing[*]} yourself and run this again"
        exit 69
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
        { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi

if [ -n "${SPM_BIN:-}" ]; then
    # Another build of spm, to compare (say, the one before a change).
    SPM=$(realpath "$SPM_BIN")
else
    say "building spm (release)"
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    SPM="${CARGO_TARGET_DIR:-$ROOT/target}/release/spm"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spm-bench.XXXXXX")
if [ -n "${KEEP:-}" ]; then
    say "keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi
# Everything the benchmark makes and removes is in $WORK; run there, never in the checkout.
cd "$WORK"
DB="$WORK/bench.db"
export SPM_DB="$DB" NO_COLOR=1 SPM_TODAY="${SPM_TODAY:-$(date +%F)}"
unset SPM_FORMAT

# --- start-up ------------------------------------------------------------------------------

# What every command pays before its own work, on an empty database that spm init made: spm
# against the sqlite3 shell opening the same file ('select 1' reads nothing from it; counting
# sqlite_master makes it read the schema, as any command that reads a table must). A run takes
# a few milliseconds, so other work on the machine moves the figures: each command runs
# without a shell (-N), in rounds that take every command in turn (so a busy minute slows all
# of them, not one), and the figure is the median of the rounds' medians. With valgrind, each
# is also counted in instructions (user space, the dynamic loader included), which other work
# on the machine does not change.
STARTUP_RUNS=${STARTUP_RUNS:-300}
STARTUP_ROUNDS=${STARTUP_ROUNDS:-10}
startup_db="$WORK/startup.db"
"$SPM" -q --db "$startup_db" init
# A copy, as "cargo install" makes one: a program run straight after the linker wrote it
# starts up to 0.3 ms slower until the kernel reads the file afresh (see benches/README.md).
mkdir -p "$WORK/bin"
cp "$SPM" "$WORK/bin/spm"
SPM_COPY="$WORK/bin/spm"
startup_names=(
    "sqlite3 DB 'select 1'"
    "sqlite3 DB 'select count(*) from sqlite_master'"
    "spm --version (opens no database)"
    "spm review due"
    "spm project list"
    "spm report recommendations"
)
startup_cmds=(
    "$(quote sqlite3 "$startup_db" 'select 1')"
    "$(quote sqlite3 "$startup_db" 'select count(*) from sqlite_master')"
    "$(quote "$SPM_COPY" --version)"
    "$(quote "$SPM_COPY" --db "$startup_db" review due)"
    "$(quote "$SPM_COPY" --db "$startup_db" project list)"
    "$(quote "$SPM_COPY" --db "$startup_db" report recommendations)"
)
say "timing start-up ($STARTUP_RUNS runs of each command in $STARTUP_ROUNDS rounds)"
: >"$WORK/startup.csv"
for round in $(seq "$STARTUP_ROUNDS"); do
    hyperfine -N --style none --warmup 5 --runs $((STARTUP_RUNS / STARTUP_ROUNDS)) \
        --export-csv "$WORK/s.csv" "${startup_cmds[@]}" >/dev/null 2>&1 ||
        { say "  round $round failed"; continue; }
    # hyperfine's CSV: command,mean,stddev,median,user,system,min,max; one row per command
    awk -F, -v r="$round" 'NR > 1 { print NR - 2, r, $2 * 1000, $4 * 1000 }' "$WORK/s.csv" \
        >>"$WORK/startup.csv"
done
startup_rows="$WORK/startup.txt"
printf '%-48s %9s %9s %6s %-6s %12s\n' "start-up (empty database)" "mean" "median" "ratio" "target" \
    "instructions" >"$startup_rows"
startup_base=""
for i in "${!startup_names[@]}"; do
    name=${startup_names[$i]}
    # The mean of the rounds' means and the median of their medians, in ms.
    m=$(awk -v i="$i" '$1 == i { n++; sum += $3 } END { print n ? sum / n : "-" }' "$WORK/startup.csv")
    med=$(awk -v i="$i" '$1 == i { print $4 }' "$WORK/startup.csv" | sort -g |
        awk '{ v[NR] = $1 } END { print NR ? (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) : "-" }')
    ratio="-" verdict="-" ins="-"
    if [ "$med" = "-" ]; then
        printf '%-48s failed\n' "$name" >>"$startup_rows"
        continue
    fi
    if [ -z "$startup_base" ]; then
        startup_base=$med
    else
        ratio=$(awk -v a="$med" -v b="$startup_base" 'BEGIN { printf "%.2f", a / b }')
        case $name in "spm review"* | "spm project"* | "spm report"*)
            verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) ? "ok" : "over" }') ;;
        esac
    fi
    if command -v valgrind >/dev/null 2>&1; then
        # shellcheck disable=SC2086 # the quoted command is split back into its words
        ins=$(eval valgrind --tool=callgrind --callgrind-out-file=/dev/null ${startup_cmds[$i]} 2>&1 >/dev/null |
            awk '/Collected/ { print $4 }') || ins="-"
    fi
    printf '%-48s %7.2fms %7.2fms %6s %-6s %12s\n' "$name" "$m" "$med" "$ratio" "$verdict" "${ins:--}" \
        >>"$startup_rows"
done
if [ -n "${STARTUP_ONLY:-}" ]; then
    echo
    echo "spm $("$SPM" --version | awk '{ print $2 }'), sqlite3 $(sqlite3 --version | awk '{ print $1 }'), $(nproc) cores, $(date +%F); target: spm within 1.5x of sqlite3 'select 1' (medians)"
    cat "$startup_rows"
    exit 0
fi

# --- the database --------------------------------------------------------------------------

say "generating $PROJECTS projects, $REVIEWS reviews, $PEOPLE people (seed $SEED) in $DB"
/usr/bin/time -f '%e %M' -o "$WORK/gen.time" \
    "$SPM" dev generate --projects "$PROJECTS" --reviews "$REVIEWS" --people "$PEOPLE" --seed "$SEED"
read -r gen_secs gen_kb <"$WORK/gen.time"
db_mb=$(du -m "$DB" | cut -f1)

# --- the same SQL, by hand -----------------------------------------------------------------

mkdir -p "$WORK/sql"

# spm project list (src/service/project/mod.rs: SELECT ... ORDER BY year DESC, code)
cat >"$WORK/sql/project-list.sql" <<'SQL'
SELECT p.id, p.code, p.title, p.summary, p.form, p.activity,
    p.level_planned, p.level_achieved, p.status, p.department, p.academic_year, p.start_date,
    p.end_date, l.name, p.budget_pence, p.review_cadence_months, p.created_at, p.updated_at,
    (SELECT group_concat(theme, char(31)) FROM
        (SELECT theme FROM project_themes t WHERE t.project_id = p.id ORDER BY theme)) AS themes,
    l.email, (SELECT c.code FROM projects c WHERE c.id = p.continues_id)
    FROM projects p LEFT JOIN people l ON l.id = p.lead_id
    ORDER BY p.academic_year DESC, p.code;
SQL

# spm review due and remind (src/service/review/due.rs: DUE, reviews due by today + 30
# days, read from the index projects_next_review). spm keeps each project's next review
# date stored (src/service/review/next.rs), so this is all it reads.
UNTIL=$(date -d "$SPM_TODAY + 30 days" +%F)
due_sql() { # $1: the condition on the stored date
    cat <<SQL
SELECT p.id, p.code, p.title, l.name, p.next_review_due,
    p.last_review_on, p.lead_id, l.email
    FROM projects p LEFT JOIN people l ON l.id = p.lead_id
    WHERE p.next_review_due IS NOT NULL AND $1
    ORDER BY p.next_review_due, p.code;
SQL
}
due_sql "p.next_review_due <= '$UNTIL'" >"$WORK/sql/review-due.sql"

# What review due did before the dates were stored, at its simplest: the last review of each
# active project, by the sqlite3 shell. spm's target is half its time.
cat >"$WORK/sql/naive-due.sql" <<'SQL'
SELECT project_id, max(on_date) FROM reviews
    WHERE project_id IN (SELECT id FROM projects WHERE status = 'active')
    GROUP BY project_id;
SQL

# The reports, over every year and department, as `spm report NAME` runs them: the scope's
# named parameters are bound to NULL, as spm binds them (src/service/report/mod.rs: IN_DEPT,
# RUNNING, dated). A report that also lists reviews due (summary, reviews) runs the review-due
# SQL too: the summary those due by today + 30 days, the reviews report the overdue ones.
SCOPE=".parameter init
.parameter set :dept NULL
.parameter set :first NULL
.parameter set :last NULL
.parameter set :year NULL"
IN_DEPT="(:dept IS NULL OR trim(p.department) = :dept COLLATE NOCASE)"
RUNNING="(:year IS NULL OR (CASE WHEN p.start_date IS NULL THEN p.academic_year <= :year
    ELSE p.start_date <= :last END AND (p.end_date IS NULL OR p.end_date >= :first)))"
dated() { printf '(:first IS NULL OR %s BETWEEN :first AND :last)' "$1"; }

# spm report summary (src/service/report/summary.rs)
cat >"$WORK/sql/report-summary.sql" <<SQL
$SCOPE
SELECT p.status, p.form, p.level_planned, p.level_achieved FROM projects p
    WHERE $IN_DEPT AND $RUNNING;
SELECT count(*) FROM reviews r JOIN projects p ON p.id = r.project_id
    WHERE $IN_DEPT AND $(dated r.on_date);
SELECT p.id FROM projects p WHERE $IN_DEPT AND $RUNNING;
$(due_sql "p.next_review_due <= '$UNTIL'")
SELECT pp.person_id, pe.kind,
    (SELECT coalesce(sum(CASE WHEN :first IS NULL THEN k.minutes
        ELSE k.minutes * (julianday(min(coalesce(k.to_date, k.on_date), :last))
                          - julianday(max(k.on_date, :first)) + 1)
             / (julianday(coalesce(k.to_date, k.on_date)) - julianday(k.on_date) + 1) END), 0)
      FROM contributions k WHERE k.partner_id = pp.id
      AND (:first IS NULL OR (k.on_date <= :last AND coalesce(k.to_date, k.on_date) >= :first))
      AND NOT EXISTS (SELECT 1 FROM contributions x WHERE x.replaces_id = k.id))
    FROM project_partners pp
    JOIN people pe ON pe.id = pp.person_id
    JOIN projects p ON p.id = pp.project_id
    WHERE $IN_DEPT AND (:year IS NULL OR (
        CASE WHEN coalesce(pp.from_date, p.start_date) IS NULL THEN p.academic_year <= :year
             ELSE coalesce(pp.from_date, p.start_date) <= :last END
        AND (coalesce(pp.to_date, p.end_date) IS NULL
             OR coalesce(pp.to_date, p.end_date) >= :first)));
SELECT r.status FROM recommendations r LEFT JOIN projects p ON p.id = r.project_id
    WHERE (:dept IS NULL OR p.id IS NOT NULL) AND $IN_DEPT AND $(dated r.raised_on);
SELECT count(*), coalesce(sum(a.requested_pence), 0), coalesce(sum(a.awarded_pence), 0),
    coalesce(sum((SELECT sum(s.amount_pence) FROM fund_spend s
                  WHERE s.application_id = a.id)), 0)
    FROM fund_applications a JOIN projects p ON p.id = a.project_id
    WHERE $IN_DEPT AND $(dated a.applied_on);
SQL

# spm report principles (src/service/report/principles.rs), against the adopted framework
cat >"$WORK/sql/report-principles.sql" <<SQL
$SCOPE
SELECT s.principle_id, s.wording, count(DISTINCT r.project_id),
    sum(s.scored_by = 'staff'), total(CASE WHEN s.scored_by = 'staff' THEN s.score END),
    sum(s.scored_by = 'students'),
    total(CASE WHEN s.scored_by = 'students' THEN s.score END)
    FROM review_scores s
    JOIN reviews r ON r.id = s.review_id
    JOIN projects p ON p.id = r.project_id
    WHERE s.principle_id IN (SELECT id FROM principles WHERE framework_id =
        (SELECT f.id FROM frameworks f JOIN settings t ON t.value = f.key
          WHERE t.key = 'adopted_framework'))
      AND $IN_DEPT AND $(dated r.on_date)
    GROUP BY s.principle_id, s.wording;
SQL

# spm report reviews (src/service/report/reviews.rs): compliance, the overdue projects (as
# review due works them out) and the status histories
cat >"$WORK/sql/report-reviews.sql" <<SQL
$SCOPE
SELECT p.id, p.department, p.start_date, p.review_cadence_months,
    (SELECT max(r.on_date) FROM reviews r WHERE r.project_id = p.id) AS last,
    (SELECT max(r.on_date) FROM reviews r WHERE r.project_id = p.id
        AND r.on_date < (SELECT max(x.on_date) FROM reviews x WHERE x.project_id = p.id)),
    (SELECT min(h.on_date) FROM project_status_history h
      WHERE h.project_id = p.id AND h.status = 'active')
    FROM projects p
    WHERE p.status <> 'proposed' AND $IN_DEPT AND $RUNNING;
$(due_sql "p.next_review_due < '$SPM_TODAY'")
SELECT h.project_id, h.status, h.on_date FROM project_status_history h
    JOIN projects p ON p.id = h.project_id
    WHERE h.project_id IN (SELECT project_id FROM project_status_history
                           WHERE status IN ('paused', 'completed', 'withdrawn'))
      AND $IN_DEPT AND $RUNNING
    ORDER BY h.project_id, h.on_date, h.id;
SQL

# spm report outcomes (src/service/report/outcomes.rs)
cat >"$WORK/sql/report-outcomes.sql" <<SQL
$SCOPE
SELECT r.on_date, o.outcome, o.rating, count(*)
    FROM review_outcomes o
    JOIN reviews r ON r.id = o.review_id
    JOIN projects p ON p.id = r.project_id
    WHERE $IN_DEPT AND $(dated r.on_date)
    GROUP BY r.on_date, o.outcome, o.rating;
SQL

# spm report recommendations (src/service/report/recommendations.rs)
cat >"$WORK/sql/report-recommendations.sql" <<SQL
$SCOPE
SELECT r.theme, r.status, r.raised_on,
    (SELECT min(h.on_date) FROM recommendation_history h
      WHERE h.recommendation_id = r.id AND h.status <> 'proposed'),
    r.communicated_on, s.academic_year, s.term
    FROM recommendations r
    LEFT JOIN projects p ON p.id = r.project_id
    LEFT JOIN panel_sessions s ON s.id = r.session_id
    WHERE (:dept IS NULL OR p.id IS NOT NULL) AND $IN_DEPT AND $(dated r.raised_on);
SQL

# spm report funding (src/service/report/funding.rs)
cat >"$WORK/sql/report-funding.sql" <<SQL
$SCOPE
SELECT a.applied_on, trim(a.theme), a.requested_pence, a.awarded_pence,
    (SELECT coalesce(sum(s.amount_pence), 0) FROM fund_spend s
      WHERE s.application_id = a.id)
    FROM fund_applications a JOIN projects p ON p.id = a.project_id
    WHERE $IN_DEPT AND $(dated a.applied_on);
SQL

# spm report participation, every year, by kind (src/service/report/participation: PLACES)
cat >"$WORK/sql/report-participation.sql" <<'SQL'
SELECT pp.person_id, pp.role, p.kind, p.level, p.department,
    (SELECT c.value FROM person_characteristics c
      WHERE c.person_id = p.id AND c.category = NULL AND p.erased_on IS NULL),
    (SELECT coalesce(sum(CASE WHEN NULL IS NULL THEN k.minutes END), 0) FROM contributions k
      WHERE k.partner_id = pp.id
        AND NOT EXISTS (SELECT 1 FROM contributions x WHERE x.replaces_id = k.id))
    FROM project_partners pp
    JOIN people p ON p.id = pp.person_id
    JOIN projects pr ON pr.id = pp.project_id
    ORDER BY pp.id;
SQL

# --- measuring -----------------------------------------------------------------------------

results="$WORK/results.txt"
: >"$results"
row() { printf '%-34s %11s %11s %7s %-7s %9s\n' "$@" | tee -a "$results" >/dev/null; }
row "command" "spm" "sqlite3" "ratio" "target" "peak MB"

# The mean time of one command, in seconds (hyperfine, output to /dev/null).
mean() {
    hyperfine --style none --warmup "$WARMUP" --runs "$RUNS" \
        --export-csv "$WORK/h.csv" -n x "$1" >/dev/null 2>&1 || return 1
    awk -F, 'NR == 2 { print $2 }' "$WORK/h.csv"
}

# Peak memory of one spm run, in MB.
peak() {
    /usr/bin/time -f '%M' -o "$WORK/mem" "$@" >/dev/null 2>&1 || return 1
    awk '{ printf "%.1f", $1 / 1024 }' "$WORK/mem"
}

# compare NAME LIMIT SQLFILE SQLITE-FLAGS -- SPM-ARGS...: spm against sqlite3 on the same SQL
# (SQLFILE empty: spm alone).
compare() {
    local name=$1 limit=$2 sql=$3 flags=$4
    shift 5
    local status=0
    "$SPM" "$@" >/dev/null 2>"$WORK/err" || status=$?
    if [ "$status" -ne 0 ]; then
        row "$name" "exit $status" "-" "-" "-" "-"
        say "  $name: $(head -1 "$WORK/err")"
        return
    fi
    local spm_t sqlite_t="" ratio="-" verdict="-" mem
    spm_t=$(mean "$(quote "$SPM" "$@")") || spm_t=""
    mem=$(peak "$SPM" "$@") || mem="-"
    if [ -n "$sql" ]; then
        # shellcheck disable=SC2086 # the flags are words
        sqlite_t=$(mean "sqlite3 -readonly $flags $(quote "$DB") < $(quote "$sql")") || sqlite_t=""
    fi
    if [ -n "$spm_t" ] && [ -n "$sqlite_t" ]; then
        ratio=$(awk -v a="$spm_t" -v b="$sqlite_t" 'BEGIN { printf "%.2f", a / b }')
        verdict=$(awk -v r="$ratio" -v l="$limit" 'BEGIN { print (r <= l) ? "ok" : "over" }')
    fi
    local shown_sqlite="no SQL"
    [ -z "$sql" ] || shown_sqlite=$(printf '%.3fs' "${sqlite_t:-0}")
    row "$name" "$(printf '%.3fs' "${spm_t:-0}")" "$shown_sqlite" "$ratio" "$verdict" "$mem"
    say "  $name done"
}

say "timing each command ($RUNS runs after $WARMUP warm-up)"
compare "project list" 1.3 "$WORK/sql/project-list.sql" "" -- project list
compare "--format csv project list" 1.3 "$WORK/sql/project-list.sql" "-csv -header" -- \
    --format csv project list
compare "review due" 1.3 "$WORK/sql/review-due.sql" "" -- review due
compare "review due vs naive grouped query" 0.5 "$WORK/sql/naive-due.sql" "" -- review due
compare "review remind" 1.3 "$WORK/sql/review-due.sql" "" -- review remind
# Everything spm remind gathers (six sources, src/service/remind/): timed alone.
compare "remind" 1.3 "" "" -- remind

# Every report there is, as "spm report --help" lists them; a report without hand-written SQL
# here is timed alone (add its SQL as $WORK/sql/report-NAME.sql above).
reports=$("$SPM" report --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 }
    on && /^  [a-z]/ { print $1 }' | grep -vx -e help -e all || true)
for r in $reports; do
    sql="$WORK/sql/report-$r.sql"
    [ -f "$sql" ] || sql=""
    compare "report $r" 1.3 "$sql" "" -- report "$r"
done

# What spm project import writes, written by the sqlite3 shell from the same file into a
# database spm init made: the leads it does not know as staff, each project with its lead,
# themes split at "; ", a status-history entry for each project not proposed, a change-log
# entry for each new record, and each active project's next review date (one cadence after
# it started, the last day of a shorter month when the day is not in it: as
# src/service/review/next.rs works it out for a project with no review and no stop)
# (src/service/import/project/). @FILE@ is the file.
cat >"$WORK/sql/import-project.sql" <<'SQL'
PRAGMA foreign_keys = ON;
.import --csv --schema temp "@FILE@" staging
BEGIN;
INSERT INTO people (name, email, kind)
    SELECT lead, nullif(lead_email, ''), 'staff' FROM staging WHERE lead <> ''
        AND NOT EXISTS (SELECT 1 FROM people WHERE email = nullif(lead_email, '')
                        OR (lead_email = '' AND name = lead COLLATE NOCASE))
    GROUP BY coalesce(nullif(lead_email, ''), lower(lead)) ORDER BY min(rowid);
INSERT INTO changes (actor, entity, entity_id, action, fields)
    SELECT 'bench', 'person', id, 'insert', json_object('name', name, 'email', email, 'kind', kind)
    FROM people;
INSERT INTO projects (code, title, summary, form, activity, level_planned, level_achieved,
        status, department, academic_year, start_date, end_date, lead_id, budget_pence,
        review_cadence_months)
    SELECT code, title, nullif(summary, ''), form, nullif(activity, ''), level_planned,
        nullif(level_achieved, ''), status, nullif(department, ''), academic_year,
        nullif(start_date, ''), nullif(end_date, ''),
        (SELECT id FROM people WHERE (lead_email <> '' AND email = lead_email)
            OR (lead_email = '' AND name = lead COLLATE NOCASE)),
        CAST(round(nullif(budget, '') * 100) AS INTEGER),
        CAST(rtrim(review_cadence, 'm') AS INTEGER)
    FROM staging ORDER BY rowid;
INSERT INTO project_themes (project_id, theme)
    SELECT p.id, trim(j.value)
    FROM staging s JOIN projects p ON p.code = s.code,
        json_each('["' || replace(replace(replace(s.themes, '\', '\\'), '"', '\"'), '; ', '","')
                  || '"]') j
    WHERE s.themes <> '';
INSERT INTO project_status_history (project_id, status, on_date)
    SELECT id, status, CASE WHEN status IN ('completed', 'withdrawn')
            THEN coalesce(end_date, start_date, date('now'))
            ELSE coalesce(start_date, date('now')) END
    FROM projects WHERE status <> 'proposed' ORDER BY id;
INSERT INTO changes (actor, entity, entity_id, action, fields)
    SELECT 'bench', 'project', id, 'insert', json_object('imported_from', 'projects.csv', 'line', id + 1)
    FROM projects ORDER BY id;
UPDATE projects SET next_review_due = (
    SELECT CASE WHEN strftime('%d', plain) = strftime('%d', base) THEN plain
                ELSE date(plain, 'start of month', '-1 day') END
    FROM (SELECT coalesce(start_date, date('now')) AS base,
                 date(coalesce(start_date, date('now')),
                      '+' || review_cadence_months || ' months') AS plain))
    WHERE status = 'active';
COMMIT;
SQL

# What spm person import writes, written by the sqlite3 shell from the same file into a
# database spm init made: each person not forgotten, then a change-log entry for each naming
# the file and line they came from (src/service/import/person/, src/service/person/batch.rs).
# The ids follow on from the highest AUTOINCREMENT gave, as spm's do. @FILE@ is the file.
cat >"$WORK/sql/import-person.sql" <<'SQL'
PRAGMA foreign_keys = ON;
.import --csv --schema temp "@FILE@" staging
BEGIN;
CREATE TEMP TABLE base AS
    SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'people'), 0) AS n;
INSERT INTO people (name, email, kind, department, level, consent_given, consent_expires,
        consent_withdrawn)
    SELECT name, nullif(email, ''), kind, nullif(department, ''), nullif(level, ''),
        nullif(consent_given, ''), nullif(consent_expires, ''), nullif(consent_withdrawn, '')
    FROM staging WHERE erased_on = '' ORDER BY rowid;
INSERT INTO changes (actor, entity, entity_id, action, fields)
    SELECT 'bench', 'person', (SELECT n FROM base) + row_number() OVER (ORDER BY rowid),
        'insert', json_object('imported_from', 'persons.csv', 'line', rowid + 1)
    FROM staging WHERE erased_on = '' ORDER BY rowid;
COMMIT;
SQL

# Imports: 100,000 rows with full validation against sqlite3 .import into a bare table, and
# against the sqlite3 shell writing what spm writes (target: no slower); peak memory at a
# tenth of the file and the whole (it should stay flat).
import_rows() {
    local noun=$1 file="$WORK/$1s.csv" small="$WORK/$1s-small.csv"
    if ! "$SPM" "$noun" import --help >/dev/null 2>&1; then
        row "$noun import" "not built yet" "-" "-" "-" "-"
        return
    fi
    "$SPM" --format csv "$noun" list >"$file"
    local rows
    rows=$(($(wc -l <"$file") - 1))
    head -n $((rows / 10 + 1)) "$file" >"$small"
    local fresh="$WORK/import.db"
    # quote ends each word with a space: name the three files, never a glob.
    local prep="rm -f $(quote "$fresh" "$fresh-wal" "$fresh-shm"); $(quote "$SPM") -q --db $(quote "$fresh") init"
    hyperfine --style none --warmup 0 --runs "$RUNS" --export-csv "$WORK/h.csv" \
        --prepare "$prep" -n spm "$(quote "$SPM" -q --db "$fresh" "$noun" import "$file")" \
        >/dev/null 2>&1 || { row "$noun import ($rows rows)" "failed" "-" "-" "-" "-"; return; }
    local spm_t sqlite_t ratio verdict mem_small mem_big
    spm_t=$(awk -F, 'NR == 2 { print $2 }' "$WORK/h.csv")
    hyperfine --style none --warmup 0 --runs "$RUNS" --export-csv "$WORK/h.csv" \
        --prepare "rm -f $(quote "$WORK/plain.db")" -n sqlite3 \
        "sqlite3 $(quote "$WORK/plain.db") '.import --csv $file imported'" >/dev/null 2>&1
    sqlite_t=$(awk -F, 'NR == 2 { print $2 }' "$WORK/h.csv")
    ratio=$(awk -v a="$spm_t" -v b="$sqlite_t" 'BEGIN { printf "%.2f", a / b }')
    verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 2) ? "ok" : "over" }')
    eval "$prep" >/dev/null 2>&1
    mem_small=$(peak "$SPM" -q --db "$fresh" "$noun" import "$small") || mem_small="-"
    eval "$prep" >/dev/null 2>&1
    mem_big=$(peak "$SPM" -q --db "$fresh" "$noun" import "$file") || mem_big="-"
    row "$noun import ($rows rows)" "$(printf '%.3fs' "$spm_t")" "$(printf '%.3fs' "$sqlite_t")" \
        "$ratio" "$verdict" "$mem_big"
    row "  peak MB at 1/10 of the rows" "" "" "" "" "$mem_small"
    local same="$WORK/sql/import-$noun.sql"
    [ -f "$same" ] || return 0
    sed "s|@FILE@|$file|" "$same" >"$WORK/same.sql"
    hyperfine --style none --warmup 0 --runs "$RUNS" --export-csv "$WORK/h.csv" \
        --prepare "$prep" -n same "sqlite3 $(quote "$fresh") <$(quote "$WORK/same.sql")" \
        >/dev/null 2>&1 || { row "  same writes by sqlite3" "$(printf '%.3fs' "$spm_t")" \
        "failed" "-" "-" "-"; return 0; }
    sqlite_t=$(awk -F, 'NR == 2 { print $2 }' "$WORK/h.csv")
    ratio=$(awk -v a="$spm_t" -v b="$sqlite_t" 'BEGIN { printf "%.2f", a / b }')
    verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1) ? "ok" : "over" }')
    row "  same writes by sqlite3" "$(printf '%.3fs' "$spm_t")" "$(printf '%.3fs' "$sqlite_t")" \
        "$ratio" "$verdict" ""
}
import_rows project
import_rows person

# Projects without codes whose titles share their first words (one stem, one year): the codes
# spm makes count on from one range scan of the code index. 10,000 such rows took minutes
# before (a query per number tried), and failed past 9,999.
codeless="$WORK/codeless.csv"
{
    echo "title,form,level_planned,academic_year"
    for i in $(seq 1 10000); do
        echo "Mental health peer support $i,wider-student-experience,partnership,2025/26"
    done
} >"$codeless"
prep_codeless="rm -f $(quote "$WORK/codeless.db" "$WORK/codeless.db-wal" "$WORK/codeless.db-shm"); $(quote "$SPM") -q --db $(quote "$WORK/codeless.db") init"
if hyperfine --style none --warmup 0 --runs "$RUNS" --export-csv "$WORK/h.csv" \
    --prepare "$prep_codeless" -n codeless \
    "$(quote "$SPM" -q --db "$WORK/codeless.db" project import "$codeless")" >/dev/null 2>&1; then
    t=$(awk -F, 'NR == 2 { print $2 }' "$WORK/h.csv")
    row "import, 10,000 without codes" "$(printf '%.3fs' "$t")" "-" "-" \
        "$(awk -v t="$t" 'BEGIN { print (t < 2) ? "ok" : "over" }')" ""
else
    row "import, 10,000 without codes" "failed" "-" "-" "-" "-"
fi

# The public site (spm publish): every page of this year and each earlier year's gallery,
# written whole each run; no page may pass 2 MB, however large the database.
# The generator approves nothing for the public, so first every decided recommendation and
# every Change Makers project is approved here: the largest pages the database could give.
sqlite3 "$DB" "INSERT OR IGNORE INTO recommendation_publications
                   (recommendation_id, said, did, published_on, published_by)
               SELECT id, finding, coalesce(response, ''), '2026-11-01', 'bench'
               FROM recommendations WHERE status <> 'proposed';
               INSERT OR IGNORE INTO project_publications
                   (project_id, title, summary, published_on, published_by)
               SELECT id, title, coalesce(summary, 'A summary of ' || title), '2026-11-01', 'bench'
               FROM projects WHERE activity = 'change-makers';"
compare "publish (the public site)" 1.3 "" "" -- publish -o "$WORK/site/"
if [ -d "$WORK/site" ]; then
    largest=$(find "$WORK/site" -name '*.html' -printf '%s\n' | sort -n | tail -1)
    row "  largest page (MB)" "$(awk -v b="${largest:-0}" 'BEGIN { printf "%.2f", b / 1048576 }')" \
        "-" "-" "$(awk -v b="${largest:-0}" 'BEGIN { print (b < 2097152) ? "ok" : "over" }')" ""
fi

# Exports' peak memory against a database a tenth the size: it should not grow with the data.
say "generating a database a tenth the size, for memory"
small_db="$WORK/small.db"
"$SPM" -q --db "$small_db" dev generate --projects $((PROJECTS / 10)) --reviews $((REVIEWS / 10)) \
    --people $((PEOPLE / 10)) --seed "$SEED" >/dev/null 2>&1
export_peak() {
    local name=$1
    shift
    local big small
    rm -rf "$WORK/out.csv" "$WORK/out.xlsx" "$WORK/out-dir"
    big=$(peak "$SPM" "$@") || big="-"
    rm -rf "$WORK/out.csv" "$WORK/out.xlsx" "$WORK/out-dir"
    small=$(peak "$SPM" --db "$small_db" "$@") || small="-"
    row "$name (peak MB, 1/10 | whole)" "" "" "" "" "$small | $big"
}
export_peak "csv project list" --format csv project list -o "$WORK/out.csv"
export_peak "xlsx project list" --format xlsx project list -o "$WORK/out.xlsx"
export_peak "export to a folder" export -o "$WORK/out-dir/"
export_peak "export to a workbook" export -o "$WORK/out.xlsx"

# --- the report ----------------------------------------------------------------------------

echo
echo "spm $("$SPM" --version | awk '{ print $2 }'), sqlite3 $(sqlite3 --version | awk '{ print $1 }'), $(nproc) cores, $(date +%F)"
echo "database: $PROJECTS projects, $REVIEWS reviews, $PEOPLE people; ${db_mb} MB"
printf 'generated in %ss (peak %.0f MB)\n' "$gen_secs" "$(awk -v k="$gen_kb" 'BEGIN { print k / 1024 }')"
echo "times are means of $RUNS runs; targets: spm <= 1.3x sqlite3 on the same SQL, import <= 2x .import and <= 1x sqlite3 writing the same rows"
echo
cat "$results"
echo
cat "$startup_rows"
