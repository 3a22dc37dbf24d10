#!/bin/sh
# translate-toolkit's pofilter with the checks that are wrong for Chinese-to-English press copy left out,
# so what it reports is worth a reviewer's look. Arguments go to pofilter, e.g.:
#
#   scripts/interop/pofilter.sh -i translations -o pofilter-report -x zh_Hans.po
#
# Left out, because house style does on purpose what they flag:
#   startcaps, simplecaps   Chinese has no capitals, so every English sentence "differs in capitalisation"
#   endpunc, startpunc      。 becomes . and 【 】 become [ ]
#   puncspacing             full-width punctuation takes no space, English punctuation does
#   brackets, singlequoting, doublequoting   （ ）「 」 become ( ) and " ", and English has apostrophes
#   numbers                 3.08億 becomes 308 million, 00700 becomes 0700.HK, 21397 becomes 21,397
#   acronyms                listing markers (-W, -SW) are dropped from company names
#   printf                  news copy has no format strings; "5%至" is not a printf variable
#   isfuzzy, isreview       every machine draft is fuzzy by design; `workbench check` and the review
#                           page already count them
# Kept, among others: doublewords, doublespacing, short, long, sentencecount,
# newlines, tabs, escapes, urls, emails, xmltags. (A draft left in Chinese is `workbench check`'s `unchanged`:
# pofilter does not see Chinese as text that should change.)
#
# POFILTER names the pofilter to run; by default the one on PATH, else the project's .venv.
here=$(cd "$(dirname "$0")/../.." && pwd)
pofilter=${POFILTER:-$(command -v pofilter || echo "$here/.venv/bin/pofilter")}
exec "$pofilter" --progress=none --language=en \
    --excludefilter=startcaps --excludefilter=simplecaps \
    --excludefilter=endpunc --excludefilter=startpunc --excludefilter=puncspacing \
    --excludefilter=brackets --excludefilter=singlequoting --excludefilter=doublequoting \
    --excludefilter=numbers --excludefilter=acronyms --excludefilter=printf \
    --excludefilter=isfuzzy --excludefilter=isreview \
    "$@"
