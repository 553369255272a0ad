#!/usr/bin/env bash
# (Frozen since the first release: use scripts/new-migration.sh.) Regenerates 0001_initial.sql for both providers from the EF model. Only for the schema's first
# version, before any database is in service; afterwards every change is a new numbered script
# (see docs/adr/0002-migrations-as-versioned-sql.md), and the drift test tells when one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Renda -v q -nologo >/dev/null
dll=src/Renda/bin/Debug/net10.0/Renda.dll
for p in sqlite postgres; do
  out=src/Renda/Platform/Data/Migrations/$p/0001_initial.sql
  { echo "-- 0001_initial ($p): generated from the EF model by scripts/gen-initial-migration.sh"; dotnet "$dll" --schema-script $p; } > "$out"
  echo "wrote $out"
done
