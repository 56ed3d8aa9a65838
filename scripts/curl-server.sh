#!/usr/bin/env bash
# Plain-curl check of the OpenAI-compatible server (R1.Serving): chat, streamed chat, completions with logprobs, a bad request.
#
#   scripts/curl-server.sh MODEL_FOLDER      starts `r1 serve --model MODEL_FOLDER --urls URL` (override the command with
#                                            R1_SERVE, e.g. R1_SERVE="dotnet run --project src/R1.Cli --"), waits for
#                                            /health, runs the checks, stops the server
#   R1_SERVER_URL=http://127.0.0.1:8000 scripts/curl-server.sh
#                                            checks a server that is already running (nothing started or stopped)
#
# R1_MODEL_ID names the served model (default: the folder's name). Prints "curl-server: N checks passed" and exits 0, or
# names the failed check and exits 1.
set -euo pipefail

url="${R1_SERVER_URL:-}"
pid=""
if [ -z "$url" ]; then
  folder="${1:?usage: scripts/curl-server.sh MODEL_FOLDER (or set R1_SERVER_URL)}"
  port="${R1_PORT:-$((20000 + RANDOM % 20000))}"
  url="http://127.0.0.1:$port"
  ${R1_SERVE:-r1} serve --model "$folder" --urls "$url" > "${TMPDIR:-/tmp}/r1-curl-server.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "$url/health" > /dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "curl-server: the server exited; see ${TMPDIR:-/tmp}/r1-curl-server.log" >&2; exit 1; }
    sleep 0.5
  done
fi
model="${R1_MODEL_ID:-$(curl -sf "$url/v1/models" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)}"
passed=0

check() {   # check NAME PATTERN TEXT: TEXT must match the extended regex PATTERN
  if printf '%s' "$3" | grep -Eq -- "$2"; then passed=$((passed + 1)); else
    echo "curl-server: FAILED $1: expected /$2/ in: $3" >&2; exit 1; fi
}

check health '"status":"ok"' "$(curl -s "$url/health")"
check models "\"id\":\"$model\"" "$(curl -s "$url/v1/models")"

chat=$(curl -s "$url/v1/chat/completions" -H 'Content-Type: application/json' \
  -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+3?\"}],\"max_tokens\":16,\"seed\":1}")
check chat '"object":"chat.completion"' "$chat"
check chat-usage '"completion_tokens":[0-9]+' "$chat"
check chat-finish '"finish_reason":"(stop|length)"' "$chat"

stream=$(curl -sN "$url/v1/chat/completions" -H 'Content-Type: application/json' \
  -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":8,\"seed\":1,\"stream\":true}")
check stream-chunks '^data: \{"id":"chatcmpl-[^"]*","created":[0-9]+' "$stream"
check stream-object 'chat.completion.chunk' "$stream"
check stream-done 'data: \[DONE\]' "$(printf '%s' "$stream" | tail -n 2)"

completion=$(curl -s "$url/v1/completions" -H 'Content-Type: application/json' \
  -d "{\"model\":\"$model\",\"prompt\":\"Once upon a time\",\"max_tokens\":6,\"temperature\":0,\"logprobs\":2}")
check completion '"object":"text_completion"' "$completion"
check logprobs '"token_logprobs":\[-?[0-9]' "$completion"
check top-logprobs '"top_logprobs":\[\{' "$completion"
check text-offset '"text_offset":\[0' "$completion"

status=$(curl -s -o "${TMPDIR:-/tmp}/r1-curl-error.json" -w '%{http_code}' "$url/v1/chat/completions" \
  -H 'Content-Type: application/json' -d '{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}')
check bad-request-status '^400$' "$status"
check bad-request-body '"error":\{"message":"[^"]+","type":"invalid_request_error","param":"model","code":"model_not_found"\}' \
  "$(cat "${TMPDIR:-/tmp}/r1-curl-error.json")"

echo "curl-server: $passed checks passed"
