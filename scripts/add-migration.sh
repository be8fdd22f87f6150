#!/usr/bin/env bash
# Adds an EF Core migration for both providers in one go: scripts/add-migration.sh AddRemittances
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build tools/AppealStudio.DesignTime -v q -nologo
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build \
    --project "src/AppealStudio.Migrations.$provider" \
    --startup-project tools/AppealStudio.DesignTime \
    --context AppDbContext -- --provider "$provider"
done
dotnet build tools/AppealStudio.DesignTime -v q -nologo
