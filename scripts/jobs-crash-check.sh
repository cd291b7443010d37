#!/usr/bin/env bash
# The jobs crash check (docs/jobs.md): JOBS PDFs of PAGES pages each are submitted to a real
# `lector serve --jobs-dir`, the server is killed with kill -9 once KILL_AFTER jobs are done, then
# restarted on the same folder; every accepted job must finish with all its pages, each page once,
# each reading its own text ("Job K page N"). Needs the jar (./mvnw -B -q package -DskipTests
# -Dlector.skipDocs), curl, jq and python3.
# Usage: scripts/jobs-crash-check.sh [JOBS=20] [PAGES=3] [KILL_AFTER=3] [JOB_WORKERS=1]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-20}; pages=${2:-3}; kill_after=${3:-3}; workers=${4:-1}
[ -f lector-cli/target/lector.jar ] || { echo "build first: ./mvnw -B -q package -DskipTests -Dlector.skipDocs" >&2; exit 2; }
for t in curl jq python3 bc; do command -v $t >/dev/null || { echo "needs $t" >&2; exit 2; }; done
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work=$(mktemp -d /tmp/lector-jobs-crash.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT

"$java" -Djava.awt.headless=true -cp 'lector-cli/target/lib/*' scripts/MakeJobPdfs.java "$work/pdfs" "$jobs" "$pages"

start() {
  ./lector serve --port "$port" --no-web --jobs-dir "$work/jobs" --jobs-queue 1000 --job-workers "$workers" >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && return; sleep 0.5; done
  echo "server did not become ready; see $work/server.log" >&2; exit 1
}

t0=$(date +%s.%N)
start
ids=()
for k in $(seq 1 "$jobs"); do
  r=$(curl -s -X POST -H 'Content-Type: application/pdf' --data-binary "@$work/pdfs/job-$k.pdf" "$base/v1/jobs?cls=false")
  id=$(echo "$r" | jq -r '.id // empty'); [ -n "$id" ] || { echo "submission $k refused: $r" >&2; exit 1; }
  ids+=("$id"); echo "$k $id" >>"$work/ids"
done
echo "accepted: ${#ids[@]} jobs of $pages pages ($workers job worker(s))"
# jobs run oldest first: once job KILL_AFTER is done, the first few are
until [ "$(curl -s "$base/v1/jobs/${ids[$((kill_after - 1))]}" | jq -r .status)" = done ]; do sleep 0.1; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=
# the state at the kill, from the job database itself (python3's sqlite3 module)
before=$(python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(", ".join("%d %s with %d pages stored" % r for r in db.execute(
    "select count(*), status, pages_done from jobs group by status, pages_done order by status, pages_done")))' "$work/jobs/jobs.db")
echo "killed with kill -9 once job $kill_after was done; then: $before"
# the pages stored before the kill, to check that the restart keeps them rather than reading them again
python3 -c 'import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = {}
for job, page, result in db.execute("select job_id, page, result from job_pages"):
    out.setdefault(job, {})[str(page)] = json.loads(result)
json.dump(out, open(sys.argv[2], "w"))' "$work/jobs/jobs.db" "$work/before.json"
t1=$(date +%s.%N)
start
echo "restarted in $(echo "$(date +%s.%N) - $t1" | bc) s"
while :; do
  left=0
  for id in "${ids[@]}"; do case "$(curl -s "$base/v1/jobs/$id" | jq -r .status)" in queued|running) left=$((left + 1));; esac; done
  [ "$left" -eq 0 ] && break; sleep 0.5
done
bad=0; done_jobs=0; resumed=0; kept=0
while read -r k id; do
  s=$(curl -s "$base/v1/jobs/$id")
  [ "$(echo "$s" | jq -r .status)" = done ] || { echo "job $k ($id): $(echo "$s" | jq -c '{status,error}')"; bad=$((bad + 1)); continue; }
  [ "$(echo "$s" | jq -r .attempts)" -gt 1 ] && resumed=$((resumed + 1))
  r=$(curl -s "$base/v1/jobs/$id/result")
  got=$(echo "$r" | jq -c '[.pages[].page]'); want=$(jq -cn "[range(1; $pages + 1)]")
  [ "$got" = "$want" ] || { echo "job $k: pages $got, want $want"; bad=$((bad + 1)); continue; }
  for n in $(seq 1 "$pages"); do
    text=$(echo "$r" | jq -r ".pages[$((n - 1))].text" | tr -d ' \n')
    # the numbers say which page it is (an OCR slip in the word "page" does not)
    [[ "$text" =~ ^Job${k}[A-Za-z]+${n}$ ]] || { echo "job $k page $n reads '$text'"; bad=$((bad + 1)); }
    kept_page=$(jq -cS --arg id "$id" --arg n "$n" '.[$id][$n] // empty' "$work/before.json")
    if [ -n "$kept_page" ]; then
      if [ "$kept_page" = "$(echo "$r" | jq -cS ".pages[$((n - 1))]")" ]; then kept=$((kept + 1)); else echo "job $k page $n was read again"; bad=$((bad + 1)); fi
    fi
  done
  done_jobs=$((done_jobs + 1))
done <"$work/ids"
echo "done: $done_jobs of ${#ids[@]} jobs with $pages pages each, each page once; $resumed taken again after the restart;"
echo "$kept pages stored before the kill are in the results unchanged; problems: $bad"
echo "total $(echo "$(date +%s.%N) - $t0" | bc) s; work folder $work"
[ "$bad" -eq 0 ] && [ "$done_jobs" -eq "${#ids[@]}" ]
