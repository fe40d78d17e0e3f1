#!/usr/bin/env bash
# Messages in Chinese (docs/commands.md, Languages): --lang zh, or a LANG /
# LC_MESSAGES / LC_ALL / LANGUAGE naming Chinese, puts every message of the
# command line in Chinese (errors, warnings, summaries, --help) from the
# build's catalog, also on a machine where no Chinese locale is generated;
# --lang en keeps English under a Chinese LANG. A message about a column
# names the header as the file wrote it. The language changes no exit code,
# no number (a decimal point, never a comma) and no output file.
source "$(dirname "$0")/lib/common.bash"

C="$CESCORE"
# The environment of a Chinese user: LANG names Chinese, nothing overrides it.
zh() { env -u LC_ALL -u LANGUAGE -u LC_MESSAGES LANG=zh_CN.UTF-8 LC_NUMERIC=de_DE.UTF-8 "$@"; }

# A bundle with Chinese headers whose on-time count exceeds its transferred count.
B="$WORK/impossible"
cp -r "$FIX/rules/impossible-count" "$B"
rm -f "$B/expected-errors.txt"
sed -i '1s/.*/机构代码,投诉件数,车险投诉件数,非车险投诉件数,转办前撤诉件数,转办件数,按时处理反馈件数/' \
  "$B/complaints.csv"

# ---- --lang zh ----
expect_exit 3 "validate --lang zh" -- "$C" validate 2024H1 "$B" --lang zh
expect_in "$WORK/err" "complaints.csv:3: 列 按时处理反馈件数（G）[on_time]：55 超过了 转办件数（50）" \
  "the error in Chinese, naming the file's header, its letter and the canonical id"
expect_in "$WORK/err" "：1 个错误" "the summary line in Chinese"
expect_exit 3 "run --lang zh (before the command)" -- "$C" --lang zh run 2024H1 "$B" --db "$WORK/no.db"
expect_in "$WORK/err" "按时处理反馈件数" "run names the header in Chinese"
expect_in "$WORK/err" "未归档、未写入任何内容" "run says in Chinese that nothing was written"
expect_not_exists "$WORK/no.db" "a refused run creates no archive"

# ---- the default from the environment ----
expect_exit 3 "validate under LANG=zh_CN.UTF-8" -- zh "$C" validate 2024H1 "$B"
expect_in "$WORK/err" "列 按时处理反馈件数（G）[on_time]：55 超过了" "LANG=zh_CN.UTF-8 gives Chinese"
expect_exit 3 "validate under LC_MESSAGES=zh_CN" -- env -u LC_ALL -u LANGUAGE LANG=en_US.UTF-8 \
  LC_MESSAGES=zh_CN "$C" validate 2024H1 "$B"
expect_in "$WORK/err" "超过了" "LC_MESSAGES=zh_CN gives Chinese"
expect_exit 3 "validate under LC_ALL=C" -- env LC_ALL=C LANG=zh_CN.UTF-8 "$C" validate 2024H1 "$B"
expect_in "$WORK/err" "column 按时处理反馈件数 (G) [on_time]: 55 exceeds 转办件数 (50)" \
  "LC_ALL=C overrides a Chinese LANG: English"
expect_exit 3 "validate --lang en under LANG=zh_CN.UTF-8" -- zh "$C" validate 2024H1 "$B" --lang en
expect_in "$WORK/err" "column 按时处理反馈件数 (G) [on_time]: 55 exceeds 转办件数 (50)" "--lang en wins over LANG"
if grep -qF -e 超过了 -e 个错误 "$WORK/err"; then fail "--lang en: no Chinese message text"; else pass; fi

# ---- --help ----
expect_exit 0 "--help --lang zh" -- "$C" --help --lang zh
expect_in "$WORK/out" "用法：cescore" "--help in Chinese"
expect_in "$WORK/out" "退出码：" "the exit codes in Chinese"
expect_in "$WORK/out" "只打印错误" "the common options in Chinese"
expect_exit 0 "cescore --help under LANG=zh_CN.UTF-8" -- zh "$C" --help
expect_in "$WORK/out" "通用选项" "--help follows LANG"
expect_exit 0 "run --help under LANG=zh_CN.UTF-8" -- zh "$C" run --help
expect_in "$WORK/out" "主要任务：校验并归档数据包" "a command's help in Chinese"
expect_in "$WORK/out" "--per-company DIR      在目录 DIR 中为每家公司写出一份评分卡工作簿" "its options in Chinese"
expect_exit 0 "help verify --lang zh" -- "$C" help verify --lang zh
expect_in "$WORK/out" "检查 SQLite 完整性" "help COMMAND in Chinese"
# Every command's help is Chinese throughout: its summary and each option's
# description (a new command or option without a translation shows here).
for cmd in $("$C" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {exit}'); do
  expect_exit 0 "$cmd --help --lang zh" -- "$C" "$cmd" --help --lang zh
  if "$PY" - "$WORK/out" <<'PY'; then pass; else fail "$cmd --help: English left in its Chinese help"; fi
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cjk = re.compile("[\u4e00-\u9fff]")
bad = []
if not (lines[0].startswith("用法：") and cjk.search(lines[2])):
    bad.append("usage or summary: " + lines[2])
opts = lines[lines.index("选项：") + 1:] if "选项：" in lines else ["(no options heading)"]
bad += [l for l in opts if l.strip() and not cjk.search(l)]
for l in bad:
    print("  English: " + l)
sys.exit(1 if bad else 0)
PY
done
expect_exit 0 "--help in English" -- "$C" --help
expect_in "$WORK/out" "exit codes:" "without a Chinese environment --help is English"

# ---- exit codes as in English ----
expect_exit 2 "usage error in Chinese" -- "$C" --lang zh run 2024H1
expect_in "$WORK/err" "run：缺少参数" "a usage error in Chinese"
expect_exit 2 "--lang fr" -- zh "$C" validate 2024H1 "$B" --lang fr
expect_in "$WORK/err" "--lang 只能是 zh 或 en" "a bad --lang refused (in the environment's language)"
expect_exit 2 "unknown command" -- zh "$C" frobnicate
expect_in "$WORK/err" "未知命令 \"frobnicate\"" "unknown command in Chinese"
expect_exit 1 "missing archive" -- zh "$C" history --db "$WORK/none.db"
expect_in "$WORK/err" "没有归档库" "a missing archive said in Chinese"

# A system error's text (strerror) is UTF-8 too, Chinese where the system has
# glibc's catalog, English otherwise; never question marks.
expect_exit 1 "a missing bundle in Chinese" -- zh "$C" validate 2024H1 "$WORK/nowhere"
expect_in "$WORK/err" "无法读取数据包目录：" "a missing bundle said in Chinese"
if grep -qF '??' "$WORK/err"; then fail "strerror's text is not turned into question marks"; else pass; fi

# ---- the same run in both languages: same outputs, numbers with a point ----
expect_exit 0 "run under LANG=zh_CN.UTF-8" -- zh "$C" run 2024H1 "$FIX/sample/2024H1-with-prior" \
  --db "$WORK/zh.db" --by alice --json "$WORK/zh.json" --out "$WORK/zh.xlsx"
expect_in "$WORK/out" "2024H1：运行 1（draft），于 " "the run's summary in Chinese"
expect_in "$WORK/out" "上期 2023H1：prior.csv" "the prior period's source in Chinese"
expect_in "$WORK/out" "已写入 $WORK/zh.json" "the files written, in Chinese"
expect_exit 0 "run in English" -- "$C" run 2024H1 "$FIX/sample/2024H1-with-prior" \
  --db "$WORK/en.db" --by alice --json "$WORK/en.json" --out "$WORK/en.xlsx"
expect_in "$WORK/out" "2024H1: run 1 (draft), computed " "the same summary in English"
[ "$(digest "$WORK/zh.json")" = "$(digest "$WORK/en.json")" ] && pass \
  || fail "the results JSON does not depend on the messages' language"
[ "$(digest "$WORK/zh.xlsx")" = "$(digest "$WORK/en.xlsx")" ] && pass \
  || fail "the workbook does not depend on the messages' language"
expect_exit 0 "show under LANG=zh_CN.UTF-8" -- zh "$C" show 2024H1 --db "$WORK/zh.db"
expect_in "$WORK/out" "排名  机构代码" "the ranking's headings in Chinese"
if grep -Eq '[0-9]+\.[0-9]{2}' "$WORK/out" && ! grep -Eq '[0-9],[0-9]{2}( |$)' "$WORK/out"; then
  pass
else
  fail "show prints its figures with a decimal point under a Chinese environment"
fi
expect_exit 0 "show in English" -- "$C" show 2024H1 --db "$WORK/en.db"
cp "$WORK/out" "$WORK/show-en.txt"
expect_exit 0 "show --lang zh" -- "$C" show 2024H1 --db "$WORK/en.db" --lang zh
# the same figures, in the same order, in both languages
figures() { grep -Eo '[0-9]+\.[0-9]+' "$1"; }
[ "$(figures "$WORK/out")" = "$(figures "$WORK/show-en.txt")" ] && pass \
  || fail "show prints the same figures in both languages"

finish
