#!/usr/bin/env bash
# Time the first `make lab` of a fresh clone until JupyterLab answers HTTP.
#   benchmarks/time_make_lab.sh [REPO] [extra make/env settings...]
#   e.g. PIP_NO_CACHE_DIR=1 benchmarks/time_make_lab.sh .      (cold pip cache)
#        PATH=/path/with/uv:$PATH benchmarks/time_make_lab.sh . (uv)
# Prints the seconds to "lab answers", and the venv size; stops the lab and removes the clone.
set -euo pipefail
repo=${1:-.}
port=${PORT:-18888}
work=$(mktemp -d)
git clone -q "$repo" "$work/clone"
cd "$work/clone"
start=$(date +%s.%N)
setsid make lab PORT="$port" NOBROWSER=1 >"$work/make.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/status" -H "Authorization: token x" \
    || curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/lab" | grep -q '^[23]'; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "make lab died:"; tail -20 "$work/make.log"; exit 1; fi
    sleep 0.5
done
end=$(date +%s.%N)
echo "make lab -> JupyterLab answering: $(echo "$end - $start" | bc) s"
echo "venv size: $(du -sh .venv | cut -f1)"
grep -c '' "$work/make.log" | xargs echo "make lab printed lines:"
kill -- -"$pid" 2>/dev/null || true  # make and its lab: their own process group (setsid)
wait "$pid" 2>/dev/null || true
cp "$work/make.log" "${LOG:-/dev/null}" 2>/dev/null || true
cd / && rm -rf "$work"
