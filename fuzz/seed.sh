#!/usr/bin/env bash
# Rebuilds fuzz/seeds/<target>/ from tests/fixtures and a few hand-written query
# strings. Neither seeds/ nor corpus/ is committed: both derive from the fixtures.
# Usage: fuzz/seed.sh            (from anywhere)
#        fuzz/seed.sh --corpus   (also copy seeds into fuzz/corpus/<target>/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../tests/fixtures"
seeds="$here/seeds"

rm -rf "$seeds"
mkdir -p "$seeds"/{html,markdown,metadata,office,pdf,query}

find "$fixtures/corpus" -name '*.html' -exec cp {} "$seeds/html/" \;
find "$fixtures/corpus" -name '*.md' -exec cp {} "$seeds/markdown/" \;
find "$fixtures/corpus" -name '*.meta.yaml' -exec cp {} "$seeds/metadata/" \;

# Front matter of the Markdown fixtures is metadata YAML too.
for md in "$fixtures"/corpus/*/*.md; do
    name="$(basename "$md" .md)"
    awk 'NR == 1 && $0 == "---" { inside = 1; next } inside && $0 == "---" { exit } inside { print }' \
        "$md" >"$seeds/metadata/$name.front.yaml"
    [ -s "$seeds/metadata/$name.front.yaml" ] || rm "$seeds/metadata/$name.front.yaml"
done

# office: the first byte selects the format (index into [Pptx, Docx, Odt, Odp]).
prefix() { printf "\\x$(printf %02x "$1")" | cat - "$2" >"$3"; }
prefix 0 "$fixtures/formats/sample.pptx" "$seeds/office/pptx"
prefix 1 "$fixtures/formats/sample.docx" "$seeds/office/docx"
prefix 2 "$fixtures/formats/sample.odt" "$seeds/office/odt"
prefix 3 "$fixtures/formats/sample.odp" "$seeds/office/odp"

cp "$fixtures/formats/sample.pdf" "$seeds/pdf/sample.pdf"

n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$seeds/query/q$n"
done <<'QUERIES'
q=cluster+mapping
q=klasteru+kartēšana&lang=lv&type=tool
q=%D0%B0%D0%BD%D0%BA%D0%B5%D1%82%D0%B0&qlang=ru&cross_lingual=false
q=maritime&country=DE&country=DK&year_from=2010&year_to=2020&sort=year_desc
q=&page=2&per_page=100&sort=relevance
q=mapowanie+klastr%C3%B3w&qlang=pl&module=&audience=policy
q="member survey" -pilot&cross_lingual=on&page=1
q=Klastriprogramm&qlang=et&year_from=&topics=innovation
QUERIES

if [ "${1:-}" = "--corpus" ]; then
    for t in html markdown metadata office pdf query; do
        mkdir -p "$here/corpus/$t"
        cp -n "$seeds/$t"/* "$here/corpus/$t/"
    done
fi
du -sh "$seeds"
