#!/usr/bin/env bash
# azd postdeploy hook (posix): wire the Event Grid topic to the deployed function, then smoke-test the API.
# azd exports the environment's values (main.bicep outputs) as environment variables before running this.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"

"$here/eventgrid-subscription.sh"
"$here/smoke-test.sh"
