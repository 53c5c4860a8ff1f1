# Relevance over the Chinese notes of the public corpora (issue 30; skipped when
# ../shared/corpora is absent): tests/relevance/chinese.tsv, 52 queries whose answers
# were chosen by reading the notes before crib ran on them. MRR@10 and success@1/@3/@5,
# with a bar a little under the figure measured when the suite was written
# (MRR 0.731, success@1 0.712, success@3 0.750 with crib at 90e22c3); issue 30 is done
# when every query that names a word of its answer finds it in the top 3.  A run
# matched in two pieces (消息积压 -> 消息 ... 积压) raised it to MRR 0.827, success@3
# 0.846; dropping question words (什么是, 有哪些) and splitting Chinese checklists raised it
# to MRR 0.942, success@3 0.962 (50 of 52 in the top 3; the two others say it with words
# the note lacks: 红包系统设计, or a one-character piece: Kafka 丢数据 for 数据不丢).
source "$(dirname "$0")/lib.bash"
[[ -d "${CORPORA:-}" ]] || { echo "skip: no corpora at ${CORPORA:-?}"; exit 77; }
MIN_MRR=${MIN_MRR:-0.9}
"$CRIB_INDEX" -q --rebuild "$CORPORA" || [[ $? == 3 ]]
python3 "$SRC/tests/cli/relevance_score.py" "$CRIB" "$SRC/tests/relevance/chinese.tsv" "$MIN_MRR"
pass "chinese relevance"
finish
