#!/usr/bin/env bash
# Starts a fresh server from the release build and checks entity-rich responses against
# openapi.yaml (validate-responses.py). Needs python3 with jsonschema and pyyaml.
set -u
source "$(dirname "$0")/server-lifecycle.sh"
python3 "$(dirname "$0")/validate-responses.py" "$BASE_URL"
