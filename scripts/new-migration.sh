#!/usr/bin/env bash
# Writes the next numbered migration for both providers from what the EF model has and the existing
# scripts lack (new tables and indexes); a changed table is left as a comment to turn into ALTER TABLE
# by hand. Usage: scripts/new-migration.sh 0003_opinions. Read the result, then build again so the
# new SQL is embedded; SchemaDriftTests checks it on both providers (docs/adr/0002).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh NNNN_name}
dotnet build src/Renda -v q -nologo >/dev/null
dll=src/Renda/bin/Debug/net10.0/Renda.dll
for p in sqlite postgres; do
  out=src/Renda/Platform/Data/Migrations/$p/$name.sql
  body=$(dotnet "$dll" --schema-diff $p)
  if [ -z "$body" ]; then echo "$p: the model matches the existing scripts; nothing written"; continue; fi
  { echo "-- $name ($p): written with scripts/new-migration.sh from the EF model, then read by hand"; echo "$body"; } > "$out"
  echo "wrote $out"
done
