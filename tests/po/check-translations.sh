#!/bin/bash
# Fails when a user-visible string has no Simplified Chinese translation, when a translation
# is fuzzy or breaks its format string, or when a source file with translatable strings is
# missing from po/POTFILES.in.
set -eu
source_root=$1
cd "$source_root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

while read -r file; do
  [ -z "$file" ] || [ "${file#\#}" != "$file" ] && continue
  [ -f "$file" ] || { echo "po/POTFILES.in names a file that does not exist: $file"; status=1; }
done < po/POTFILES.in

for file in $(grep -rlE '(^|[^a-zA-Z0-9_])(N?C?_)\("' src --include='*.c' --include='*.h' --include='*.cpp' || true) \
            $(grep -rl 'translatable="yes"' ui || true); do
  grep -qxF "$file" po/POTFILES.in || { echo "translatable strings in $file, which po/POTFILES.in does not list"; status=1; }
done

xgettext --files-from=po/POTFILES.in --output="$work/linecheck.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 --package-name=linecheck
msgmerge --quiet --no-fuzzy-matching --output-file="$work/zh_CN.po" po/zh_CN.po "$work/linecheck.pot"
msgfmt --check --output-file=/dev/null po/zh_CN.po || { echo "po/zh_CN.po does not compile cleanly"; status=1; }

stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$work/zh_CN.po" 2>&1)
echo "zh_CN: $stats"
untranslated=$(echo "$stats" | grep -oE '[0-9]+ untranslated' | grep -oE '[0-9]+' || echo 0)
fuzzy=$(echo "$stats" | grep -oE '[0-9]+ fuzzy' | grep -oE '[0-9]+' || echo 0)
if [ "$untranslated" != 0 ] || [ "$fuzzy" != 0 ]; then
  echo "Strings without a zh_CN translation:"
  msgattrib --untranslated --no-obsolete --no-wrap "$work/zh_CN.po" | grep -A1 '^#:' | grep '^msgid' | head -50
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/zh_CN.po" | grep '^msgid' | head -20
  status=1
fi
exit $status
