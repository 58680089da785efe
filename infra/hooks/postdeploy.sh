#!/usr/bin/env bash
# azd postdeploy hook (posix): subscribe the deployed Event Grid webhook to the topic, then smoke-test the API.
# azd exports the environment's values (main.bicep outputs) as environment variables before running this.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"

"$here/eventgrid-subscription.sh"
"$here/smoke-test.sh"
