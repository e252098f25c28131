#!/usr/bin/env bash
# Start the portal on the embedded default: migrate, demo data, worker, beat, web; Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DEBUG="${DEBUG:-1}"
$BIN/python manage.py migrate --noinput
$BIN/python manage.py seed_demo
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
$BIN/celery -A regie worker --pool=solo --loglevel=WARNING & pids+=($!)
$BIN/celery -A regie beat --loglevel=WARNING --schedule=var/celerybeat-schedule & pids+=($!)
echo "The portal runs at http://127.0.0.1:8000 (Ctrl-C stops the portal, the worker and beat)."
$BIN/python manage.py runserver 127.0.0.1:8000 &
pids+=($!)
# When one of the three stops (a crash, Ctrl-C), stop the others too.
wait -n "${pids[@]}" || echo "A process of the portal stopped; stopping the others." >&2
