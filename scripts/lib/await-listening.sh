# Sourced by the scripts that start the reference server: waits for its "listening on ws://HOST:PORT/ws" line.
#
#   await_listening LOG PID SECONDS WHO    sets URL, or prints the server's log and exits 1 when it died or timed out
await_listening() {
  local log="$1" pid="$2" seconds="$3" who="$4"
  local tries=$((seconds * 10))
  for _ in $(seq 1 "$tries"); do
    URL=$(grep -m1 -o 'listening on wss\?://[^ ]*' "$log" 2>/dev/null | sed 's/^listening on //' || true)
    if [[ -n "$URL" ]]; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$who: the server exited early; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$who: the server did not start within $seconds s; its log:" >&2
  cat "$log" >&2
  exit 1
}
