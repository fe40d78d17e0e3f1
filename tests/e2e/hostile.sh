#!/usr/bin/env bash
# Hostile inputs: what an input file holds never reaches the analyst's
# terminal raw, and does not make the tool print without bound.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample/2024H1"
C="$CESCORE"

# A bundle copied from the sample, for the edits of one check.
bundle() {
  rm -rf "$WORK/$1" && cp -r "$S" "$WORK/$1"
}

# no byte of the terminal's control set in FILE: ESC, CR, C1's CSI
no_controls() {
  if LC_ALL=C grep -q $'\x1b\|\r\|\xc2\x9b' "$1"; then fail "$2: a control character reached the terminal"; else pass; fi
}

# ---- an ESC sequence, a line break, C1's CSI and a bidi override in a name ----
bundle esc
"$PY" - "$WORK/esc/companies.csv" <<'PYEOF'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8-sig").read()
t = t.replace("长青人寿保险股份有限公司上海分公司", '"长青\x1b[2J人寿\r\nFAKE LINE\u009b\u202e"', 1)
open(p, "w", encoding="utf-8").write(t)
PYEOF
expect_exit 0 "a name with ESC, CR/LF and C1 validates" -- "$C" validate 2024H1 "$WORK/esc"
expect_in "$WORK/err" "cescore: warning: companies.csv:2: character U+001B, which XML 1.0 and so a workbook cannot hold, replaced with U+FFFD" "ESC is replaced, with a warning"
expect_exit 0 "run with that name" -- "$C" run 2024H1 "$WORK/esc" --db "$WORK/esc.db"
no_controls "$WORK/out" "run's ranking"
no_controls "$WORK/err" "run's messages"
expect_in "$WORK/out" '长青�[2J人寿\r\nFAKE LINE' "the ranking shows the name with its controls escaped"
expect_exit 0 "show --company" -- "$C" show 2024H1 --company SH-LF-001 --db "$WORK/esc.db"
no_controls "$WORK/out" "show's scorecard"
expect_in "$WORK/out" '长青�[2J人寿\r\nFAKE LINE\u009b\u202e' "show prints the whole name escaped"
# ... and in a message about it
printf 'SH-\xc2\x9b31mX,1,,,0,1,1\n' >>"$WORK/esc/complaints.csv"
expect_exit 3 "an invalid bundle with CSI in a value" -- "$C" validate 2024H1 "$WORK/esc"
no_controls "$WORK/err" "validate's messages"
expect_in "$WORK/err" 'SH-\u009b31mX is not a code of companies.csv' "the value is shown escaped"

# ---- 20,000 unknown columns: the warnings are capped ----
bundle wide
"$PY" - "$WORK/wide/mediation.csv" <<'PYEOF'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8-sig").read().splitlines()
extra = ",".join("x%d" % i for i in range(20000))
lines[0] += "," + extra
open(p, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PYEOF
expect_exit 0 "20,000 unknown columns are warnings" -- "$C" validate 2024H1 "$WORK/wide"
lines=$(wc -l <"$WORK/err")
[ "$lines" -le 102 ] && pass || fail "20,000 unknown columns printed $lines lines"
expect_in "$WORK/err" "cescore: 19900 more warnings not shown" "the rest are counted"

# ---- what a workbook cannot hold is found by validate, not by run ----
# U+FFFF in a name: replaced with U+FFFD (a warning); the workbooks are well-formed XML
bundle ffff
sed -i 's/长青人寿/长青\xef\xbf\xbf人寿/' "$WORK/ffff/companies.csv"
expect_exit 0 "U+FFFF in a name is a warning" -- "$C" validate 2024H1 "$WORK/ffff"
expect_in "$WORK/err" "companies.csv:2: character U+FFFF, which XML 1.0 and so a workbook cannot hold, replaced with U+FFFD" "the warning names the line"
expect_exit 0 "run writes the workbooks" -- "$C" run 2024H1 "$WORK/ffff" --db "$WORK/ffff.db" --quiet \
  --out "$WORK/ffff.xlsx" --per-company "$WORK/ffff-cards"
"$PY" - "$WORK/ffff.xlsx" "$WORK/ffff-cards/SH-LF-001.xlsx" >"$WORK/xmlcheck" 2>&1 <<'PYEOF'
import sys, zipfile, xml.dom.minidom
bad = 0
for f in sys.argv[1:]:
    z = zipfile.ZipFile(f)
    for n in z.namelist():
        if n.endswith(".xml") or n.endswith(".rels"):
            try:
                xml.dom.minidom.parseString(z.read(n))
            except Exception as e:
                print(f, n, e); bad += 1
    if "长青\ufffd人寿".encode() not in z.read("xl/sharedStrings.xml"):
        print(f, "no U+FFFD in the name"); bad += 1
sys.exit(1 if bad else 0)
PYEOF
[ $? = 0 ] && pass || { fail "workbook XML with U+FFFF"; cat "$WORK/xmlcheck" >&2; }

# a text longer than a cell holds, codes that cannot be or would share a file name
bundle long
"$PY" - "$WORK/long" <<'PYEOF'
import sys, os
d = sys.argv[1]
def edit(name, f):
    p = os.path.join(d, name)
    t = open(p, encoding="utf-8-sig").read()
    open(p, "w", encoding="utf-8").write(f(t))
lines = open(os.path.join(d, "deductions.csv"), encoding="utf-8-sig").read().splitlines()
lines[1] += "说" * 40000  # the description, the last column
open(os.path.join(d, "deductions.csv"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
for n in os.listdir(d):
    edit(n, lambda t: t.replace("SH-LF-002,", "sh-lf-001,").replace("SH-LF-003,", "X" * 300 + ","))
PYEOF
expect_exit 3 "limits of the outputs are errors of validate" -- "$C" validate 2024H1 "$WORK/long"
expect_in "$WORK/err" "deductions.csv:2: column description (G): 40" "a 40,000-character text is refused"
expect_in "$WORK/err" "more than the 32767 a workbook cell holds" "... saying why"
expect_in "$WORK/err" "companies.csv:3: column code (A): sh-lf-001 and SH-LF-001 (line 2) would have the same scorecard file name" "codes that collide as file names"
expect_in "$WORK/err" "cannot name a file: its scorecard's file name would be longer than 255 bytes" "a code too long for a file name"

# ---- bundle files that are not regular files fail at once ----
bundle fifo
rm "$WORK/fifo/mediation.csv" && mkfifo "$WORK/fifo/mediation.csv"
ln -s /dev/zero "$WORK/fifo/prior.csv"
start=$(date +%s)
expect_exit 3 "a FIFO and a link to /dev/zero in a bundle" -- timeout 20 "$C" validate 2024H1 "$WORK/fifo"
[ $(($(date +%s) - start)) -le 5 ] && pass || fail "the FIFO bundle took more than 5 s"
expect_in "$WORK/err" "cescore: mediation.csv: not a regular file (a FIFO, a device or a socket)" "the FIFO is named"
expect_in "$WORK/err" "cescore: prior.csv: not a regular file" "the link to /dev/zero is named"
expect_exit 3 "run of that bundle" -- timeout 20 "$C" run 2024H1 "$WORK/fifo" --db "$WORK/fifo.db"
expect_not_exists "$WORK/fifo.db" "no archive was created"

# ... cases.csv too, although it is read as a stream
rm -rf "$WORK/cfifo" && cp -r "$FIX/cases/2024H1-en" "$WORK/cfifo"
rm "$WORK/cfifo/cases.csv" && mkfifo "$WORK/cfifo/cases.csv"
start=$(date +%s)
expect_exit 3 "a FIFO as cases.csv" -- timeout 20 "$C" validate 2024H1 "$WORK/cfifo"
[ $(($(date +%s) - start)) -le 5 ] && pass || fail "the FIFO cases.csv took more than 5 s"
expect_in "$WORK/err" "cescore: cases.csv: not a regular file (a FIFO, a device or a socket)" "the FIFO cases.csv is named"
CESCORE_MAX_FILE_SIZE=100K expect_exit 3 "cases.csv over the limit" -- "$C" validate 2024H1 "$FIX/cases/2024H1-en"
expect_in "$WORK/err" "cescore: cases.csv: larger than the limit of 100 KiB" "the large cases.csv is named"

# ---- control characters in a case list: the case lines of show and whatif escape them ----
rm -rf "$WORK/cesc" && cp -r "$FIX/cases/2024H1-en" "$WORK/cesc"
"$PY" - "$WORK/cesc/cases.csv" <<'PYEOF'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8-sig").read().split("\n")
out = [lines[0]] + [("\u009b" + l.replace(",电话,", ",电\u202e话,")) if l else l for l in lines[1:]]
open(p, "w", encoding="utf-8").write("\n".join(out))
PYEOF
expect_exit 0 "run a case list with C1 controls" -- "$C" run 2024H1 "$WORK/cesc" --db "$WORK/cesc.db" --quiet
expect_exit 0 "show --company of a case-level company" -- "$C" show 2024H1 --company SH-LF-007 --db "$WORK/cesc.db"
no_controls "$WORK/out" "show's case lines"
expect_in "$WORK/out" '\u009bTS2024' "the case ids are shown escaped"
LC_ALL=C grep -q $'\xe2\x80\xae' "$WORK/out" && fail "a bidi override reached the terminal" || pass
expect_exit 0 "whatif of that company" -- "$C" whatif 2024H1 --company SH-LF-007 --target 99 --db "$WORK/cesc.db"
no_controls "$WORK/out" "whatif's lines"

# ---- a file over the limit is refused before it is read ----
CESCORE_MAX_FILE_SIZE=8K expect_exit 3 "files over CESCORE_MAX_FILE_SIZE" -- "$C" validate 2024H1 "$S"
expect_in "$WORK/err" "cescore: companies.csv: larger than the limit of 8 KiB" "the large file is named"
CESCORE_MAX_FILE_SIZE=1M expect_exit 0 "the sample is under 1 MiB a file" -- "$C" validate 2024H1 "$S"
CESCORE_MAX_FILE_SIZE=lots expect_exit 2 "a limit that is not a size" -- "$C" validate 2024H1 "$S"

# ---- the config and the aliases are capped at 1 MiB ----
expect_exit 3 "--config /dev/zero" -- timeout 20 "$C" validate 2024H1 "$S" --config /dev/zero
expect_in "$WORK/err" "/dev/zero: larger than the limit of 1 MiB; not a scoring config" "the config is refused"
expect_exit 3 "--columns /dev/zero" -- timeout 20 "$C" validate 2024H1 "$S" --columns /dev/zero
expect_in "$WORK/err" "/dev/zero: larger than the limit of 1 MiB; not a header-alias file" "the aliases are refused"
finish
