#!/usr/bin/env bash
# Regenerates the EF Core compiled models (src/Souk.Web/Data/CompiledModels) of both providers. Run it after every model
# change (with the migrations of that change): the app loads these instead of building its model at start-up, which saved
# about a second of cold start (docs/PERFORMANCE.md). tests/Souk.Tests/Platform/ModelTests.cs fails while they are stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
for provider in Sqlite Postgres; do
  rm -rf "src/Souk.Web/Data/CompiledModels/$provider"
  dotnet ef dbcontext optimize --project src/Souk.Web --context "${provider}SoukDb" \
    --output-dir "Data/CompiledModels/$provider" --namespace "Souk.Web.Data.CompiledModels.$provider"
done
