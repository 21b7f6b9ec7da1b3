#!/usr/bin/env bash
# Makes icudt_vi_en.dat: the ICU data the browser app loads, cut down from the runtime pack's icudt_no_CJK.dat to the
# locales the app formats and sorts in (root, Vietnamese, English with en-GB and en-US) and the data every locale
# shares (collation root, supplemental data, IDNA). Half the size of icudt_no_CJK.dat; numbers, dates, month and day
# names and Vietnamese sorting stay what ICU gives. Run it again after a .NET update that changes the runtime pack's
# ICU version (needs icupkg: Debian's icu-devtools). Usage: make-icu-data.sh [path of icudt_no_CJK.dat]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source="${1:-$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/microsoft.netcore.app.runtime.mono.browser-wasm/*/runtimes/browser-wasm/native/icudt_no_CJK.dat | sort -V | tail -1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# icupkg wants the file named like the package inside it (icudt68l.dat for ICU 68).
name="$( (icupkg -l "$source" 2>&1 || true) | sed -n 's/.*item name "\([^/]*\)\/.*/\1/p' | head -1)"
cp "$source" "$work/$name.dat"
icupkg -l "$work/$name.dat" 2>/dev/null | grep -v "^Item " > "$work/items.txt" || true
keep='^(root|vi|vi_VN|en|en_001|en_150|en_GB|en_US|pool|res_index|supplementalData|currencyNumericCodes|icuver|keyTypeData|numberingSystems)\.res$'
keep+='|^uts46\.nrm$|^coll/(root|vi|en|en_US|res_index)\.res$|^coll/ucadata\.icu$|^curr/(pool|root|supplementalData)\.res$'
keep+='|^brkitr/(char\.brk|en\.res|en_US\.res|res_index\.res|root\.res)$'
grep -vE "$keep" "$work/items.txt" > "$work/remove.txt"
mkdir "$work/out"
# The runtime pack's data already lacks some break-iterator items that root.res names: ignore those dependencies.
icupkg --ignore-deps -r "$work/remove.txt" "$work/$name.dat" "$work/out/$name.dat" 2>/dev/null || true
cp "$work/out/$name.dat" "$here/icudt_vi_en.dat"
echo "icudt_vi_en.dat: $(( $(wc -l < "$work/items.txt") - $(wc -l < "$work/remove.txt") )) items, $(stat -c %s "$here/icudt_vi_en.dat") bytes (from $(stat -c %s "$source"))"
