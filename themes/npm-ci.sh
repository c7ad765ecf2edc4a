#!/usr/bin/env bash
# `npm ci` for the console and the account page (the Maven build runs it in each app's folder), bounded and
# retried: an install whose registry fetch stalls otherwise waits without end and without a word (it once
# held a CI run until its time limit). Each attempt may take NPM_CI_TIMEOUT seconds (default 420).
set -u
bounded=()
command -v timeout >/dev/null && bounded=(timeout --kill-after=10 "${NPM_CI_TIMEOUT:-420}")
for attempt in 1 2 3; do
  "${bounded[@]}" npm ci --no-audit --no-fund --prefer-offline --fetch-timeout=60000 --fetch-retries=3 && exit 0
  status=$?
  echo "npm ci in $(basename "$PWD"): attempt $attempt ended with status $status$([ $status -eq 124 ] || [ $status -eq 137 ] && echo ' (no end within the time limit)')" >&2
done
exit 1
