// Questions at any depth of an outline, in description lists and in notebook
// comment cells (issue 22): one regression test per way real notes were missed.
#include "helpers.hpp"

#include "formats/passage_stats.hpp"

using namespace crib;
using test::parse;
using test::summary;
using V = std::vector<std::string>;

TEST_CASE("an empty Logseq block turned the block above into a heading and hid nested questions",
          "[formats][regression]") {
    auto ps = parse("tags:: os\n"
                    "\n"
                    "- Kernel\n"
                    "\t- What is a syscall?\n"
                    "\t\t- A controlled entry into the kernel.\n"
                    "\t-\n"
                    "\t- What is a context switch?\n"
                    "\t\t- Saving one task's registers and loading another's.\n",
                    "kernel.md");
    CHECK(summary(ps) ==
          V{"4:question:What is a syscall?", "7:question:What is a context switch?"});
}

TEST_CASE("questions three bullets deep were never passage starts", "[formats][regression]") {
    auto ps = parse("- Systems\n"
                    "  - Storage\n"
                    "    - Why does fsync matter?\n"
                    "      - The page cache lies about durability.\n"
                    "      - Why is fdatasync cheaper?\n"
                    "        - It skips metadata that is not needed to read the data.\n"
                    "    - What is write-ahead logging?\n"
                    "      - Log first then apply.\n",
                    "outline.md");
    CHECK(summary(ps) == V{"1:section:Systems", "3:question:Why does fsync matter?",
                           "5:question:Why is fdatasync cheaper?",
                           "7:question:What is write-ahead logging?"});
    CHECK(ps[2].parent_line == 3);
    CHECK(ps[3].parent_line == 0);
    CHECK(ps[1].answer.find("page cache") != std::string::npos);
}

TEST_CASE("a topic bullet with notes under it was voted a question among asking siblings",
          "[formats][regression]") {
    auto ps = parse("- Containers\n"
                    "  - What is a namespace?\n"
                    "    - An isolated view of a kernel resource.\n"
                    "  - Copy-on-write\n"
                    "    - Layers are shared until written.\n"
                    "  - What is a cgroup?\n"
                    "    - A resource limit for a group of tasks.\n"
                    "  - Seccomp vs AppArmor\n",
                    "containers.md");
    // The topic is a section of the outline, not part of the answer above it.
    CHECK(summary(ps) == V{"2:question:What is a namespace?", "4:section:Copy-on-write",
                           "6:question:What is a cgroup?", "8:question:Seccomp vs AppArmor"});
}

TEST_CASE("a trailing tag hid the question mark but a number after '#' is no tag",
          "[formats][regression]") {
    auto ps = parse("- Notes\n"
                    "  - What is a page fault? #memory\n"
                    "    - A trap to map a page.\n"
                    "  - Why is the row with id #7?\n"
                    "    - It was never committed.\n",
                    "tags.md");
    CHECK(summary(ps).size() == 2);
}

TEST_CASE("a full-width question mark and a remark after it did not ask", "[formats][regression]") {
    auto ps = parse("- Basics\n"
                    "  - 什么是进程？（2）\n"
                    "    - 运行中的程序。\n"
                    "  - What is a thread? (3 marks)\n"
                    "    - A path of execution.\n",
                    "cjk.md");
    CHECK(summary(ps).size() == 2);
}

TEST_CASE("AsciiDoc description lists were one passage", "[formats][regression]") {
    auto ps = parse("= Glossary\n"
                    "\n"
                    "What is an inode?::\n"
                    "  The record of a file's metadata.\n"
                    "\n"
                    "Journaling:: Logging changes before applying them.\n"
                    "\n"
                    "== Which calls make a file durable?\n"
                    "\n"
                    "fsync:: flushes data and metadata.\n",
                    "glossary.adoc");
    CHECK(summary(ps) == V{"3:question:What is an inode?", "6:question:Journaling",
                           "8:question:Which calls make a file durable?"});
    CHECK(ps[1].answer == "Logging changes before applying them.");
    CHECK(ps[2].answer.find("fsync") != std::string::npos);
}

TEST_CASE("AsciiDoc steps right after a checklist item are its answer", "[formats][regression]") {
    auto ps = parse("== To prepare\n"
                    "* What is zero-copy?\n"
                    "* Explain the page cache\n"
                    ". pages are cached by file offset\n"
                    ". dirty pages are written back later\n"
                    "* How does sendfile work?\n",
                    "prep.adoc");
    CHECK(summary(ps) == V{"2:question:What is zero-copy?", "3:question:Explain the page cache",
                           "6:question:How does sendfile work?"});
    CHECK(ps[1].answer.find("written back") != std::string::npos);
}

namespace {

/// A one-code-cell notebook with the given source lines (one JSON string each).
std::string notebook(const std::vector<std::string>& lines) {
    std::string nb = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n";
    for (size_t i = 0; i < lines.size(); ++i)
        nb += "    \"" + lines[i] + (i + 1 < lines.size() ? "\\n\",\n" : "\"\n");
    return nb + "   ]\n  }\n ],\n \"metadata\": {},\n \"nbformat\": 4\n}\n";
}

} // namespace

TEST_CASE("a notebook code cell of comment questions gave no passage", "[formats][regression]") {
    auto ps =
        parse(notebook({"# 1. Why is UDP used for DNS?", "# Answer: one datagram, no handshake.",
                        "", "# 2. What does SO_REUSEADDR allow?",
                        "# Binding while old connections wait.", "import socket"}),
              "drill.ipynb");
    CHECK(summary(ps) ==
          V{"6:question:Why is UDP used for DNS?", "9:question:What does SO_REUSEADDR allow?"});
    CHECK(ps[0].answer == "one datagram, no handshake.");
    CHECK(ps[1].answer.find("import socket") != std::string::npos);
}

TEST_CASE("a comment that asks inside real code is not a question", "[formats][regression]") {
    auto ps = parse(notebook({"# 1. why not retry here?", "def connect(host):",
                              "    return socket.create_connection((host, 80))", "x = 1"}),
                    "code.ipynb");
    for (const Passage& p : ps)
        CHECK(p.kind != "question");
}

TEST_CASE("a notebook of '#1:' exercises over code had no passage", "[formats][regression]") {
    auto ps = parse(notebook({"#1: Find the location of 'B' in my_string.",
                              "my_string = 'In 2010, someone paid 10k Bitcoin for two pizzas.'"}),
                    "basics.ipynb");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].kind == "question");
    CHECK(ps[0].question == "Find the location of 'B' in my_string.");
    CHECK(ps[0].answer.find("pizzas") != std::string::npos);
    CHECK(!ps[0].whole_file);
}

TEST_CASE("a note of code alone was indexed as no passage", "[formats][regression]") {
    // Nothing reads as a question or a title: the whole file is one section
    // named after it, and --dump --stats says it was not split.
    auto ps =
        parse(notebook({"a = [1, 2, 3]", "print(a[3:0:-1])  # pizzas"}), "dir/arrays_lists.ipynb");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].kind == "section");
    CHECK(ps[0].question == "arrays_lists");
    CHECK(ps[0].answer.find("pizzas") != std::string::npos);
    CHECK(ps[0].whole_file);
    CHECK(stats_text(passage_stats(ps)).find("not split") != std::string::npos);
    auto md = parse("```python\nprint('bitcoin')\n```\n", "only.code.md");
    REQUIRE(md.size() == 1);
    CHECK(md[0].question == "only");
    CHECK(parse("\n\n", "e.md").empty());
    CHECK(stats_text(passage_stats(parse("# What is X?\nY\n", "q.md"))).find("not split") ==
          std::string::npos);
}

TEST_CASE("a comment prompt above the first numbered comment was in no passage",
          "[formats][regression]") {
    // A cell of comments: the prompts before "# 1." opened nothing, and no
    // passage was open, so "anagram" was not found at all.
    auto ps =
        parse(notebook({"# Count each distinct element of a list", "lst = [1, 'a', 1]", "",
                        "# Given strings s and t, is t an anagram of s?", "",
                        "# Push the even numbers to the front",
                        "# Constraints:", "# 1. The order can change", "# 2. Numbers can repeat"}),
              "prompts.ipynb");
    REQUIRE(!ps.empty());
    CHECK(ps[0].kind == "section");
    CHECK(ps[0].question == "Count each distinct element of a list");
    CHECK(ps[0].answer.find("anagram") != std::string::npos);
    CHECK(!ps[0].whole_file);
}

TEST_CASE("comment prompts after a rule cell were in no passage", "[formats][regression]") {
    // A markdown rule between exercises closes the passage; the next cell's
    // comment prompt and its code were dropped.
    std::string nb =
        "{\n \"cells\": [\n"
        "  {\"cell_type\": \"markdown\", \"source\": [\"## Basics\\n\", \"Warm-up.\"]},\n"
        "  {\"cell_type\": \"markdown\", \"source\": [\"--------\"]},\n"
        "  {\"cell_type\": \"code\", \"source\": [\"# Given a list:\\n\",\n"
        "   \"lst = [0, 1, 0]\\n\", \"# Push all the zeros to the back\"]},\n"
        "  {\"cell_type\": \"markdown\", \"source\": [\"--------\"]},\n"
        "  {\"cell_type\": \"code\", \"source\": [\"print(sorted([3, 1]))\"]}\n"
        " ],\n \"metadata\": {},\n \"nbformat\": 4\n}\n";
    auto ps = parse(nb, "drills.ipynb");
    std::string all;
    for (const Passage& p : ps)
        all += p.question + "\n" + p.answer + "\n";
    CHECK(all.find("zeros to the back") != std::string::npos);
    CHECK(all.find("sorted([3, 1])") != std::string::npos);
}

TEST_CASE("code above a note's first heading was in no passage", "[formats][regression]") {
    auto ps = parse("```sh\nkubectl get pods --watch\n```\n\n## What is a pod?\n\nA group.\n",
                    "dir/k8s.md");
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].kind == "section");
    CHECK(ps[0].question == "k8s");
    CHECK(ps[0].answer.find("--watch") != std::string::npos);
    CHECK(!ps[0].whole_file);
    CHECK(ps[1].question == "What is a pod?");
}

TEST_CASE("headings after a table of contents carried its title", "[formats][regression]") {
    auto ps = parse("# Linux questions\n\n"
                    "## <a name='toc'>Table of Contents</a>\n\n"
                    "  1. [Simple](#simple)\n  1. [Hard](#hard)\n\n"
                    "#### <a name='simple'>Simple questions:</a>\n\n"
                    "* What does ls -l show?\n  - long listing\n",
                    "linux.md");
    REQUIRE(!ps.empty());
    const Passage& q = ps.back();
    CHECK(q.question == "What does ls -l show?");
    CHECK(q.headings == V{"Linux questions", "Simple questions"});
}

TEST_CASE("FAQ entries phrased as statements were sections", "[formats][regression]") {
    std::string org = "* Setup\n"
                      "** How do I install it?\nx\n"
                      "** Why is it slow?\nx\n"
                      "** The build fails with a linker error\nx\n"
                      "** What does the cache hold?\nx\n"
                      "** Can I run it offline?\nx\n"
                      "*** Example\nan answer part\n";
    auto faq = parse(org, "docs/faq.org");
    CHECK(summary(faq) == V{"2:question:How do I install it?", "4:question:Why is it slow?",
                            "6:question:The build fails with a linker error",
                            "8:question:What does the cache hold?",
                            "10:question:Can I run it offline?"});
    // Outside a FAQ such a heading is a topic among the questions.
    auto notes = parse(org, "docs/notes.org");
    CHECK(summary(notes)[2] == "6:section:The build fails with a linker error");
}

TEST_CASE("a question under a Question (EN) heading was never found", "[formats][regression]") {
    auto ps = parse("# Question (EN)\n"
                    "> What does a bulkhead isolate?\n"
                    "\n"
                    "# Vopros (RU)\n"
                    "> Chto izoliruet bulkhead?\n"
                    "\n"
                    "## Answer (EN)\n"
                    "Failures of one dependency from the others.\n"
                    "### When to use it\n"
                    "When one slow service could take every thread.\n",
                    "q-bulkhead.md");
    std::vector<std::string> questions;
    for (const Passage& p : ps)
        if (p.kind == "question") questions.push_back(std::to_string(p.line) + ":" + p.question);
    // The sub-heading of the answer starts with "When" but is no question.
    CHECK(questions == V{"2:What does a bulkhead isolate?"});
}

TEST_CASE("a Question: heading with the task below it was a section", "[formats][regression]") {
    auto ps = parse("## Question:\n"
                    "Write code that prints the ten most frequent words.\n"
                    "\n"
                    "Split on whitespace and count.\n",
                    "words.md");
    CHECK(summary(ps) == V{"2:question:Write code that prints the ten most frequent words."});
    CHECK(ps[0].answer == "Split on whitespace and count.");
}

TEST_CASE("a block holding several questions was one passage", "[formats][regression]") {
    auto ps = parse("- Coordination\n"
                    "  - 1. What is ZooKeeper?\n"
                    "    2. What guarantees does it give?\n"
                    "    It is used by Kafka.\n"
                    "    - A coordination service.\n",
                    "zk.md");
    CHECK(summary(ps) ==
          V{"2:question:What is ZooKeeper?", "3:question:What guarantees does it give?"});
    CHECK(ps[1].answer.find("coordination service") != std::string::npos);
}

TEST_CASE("a Logseq heading block's title stayed on every block after it",
          "[formats][regression]") {
    auto ps = parse("tags:: db\n"
                    "\n"
                    "- ## Indexes\n"
                    "\t- What is a covering index?\n"
                    "\t\t- One that holds every column the query reads.\n"
                    "- Later\n"
                    "\t- What is MVCC?\n"
                    "\t\t- Readers see a snapshot.\n",
                    "db.md");
    REQUIRE(summary(ps).size() == 2);
    CHECK(ps[0].headings == V{"Indexes"});
    CHECK(ps[1].headings.empty());
}

TEST_CASE("Logseq block references were shown as their UUIDs", "[formats][regression]") {
    // A Logseq page names a block of its own by "((UUID))"; the block carries
    // "id:: UUID".  crib showed "((6a1f...))" as a question and a related one.
    auto ps = parse("tags:: storage\n"
                    "\n"
                    "- Engines\n"
                    "  - InnoDB\n"
                    "    id:: 6a1f0c2e-0000-4000-8000-000000000001\n"
                    "  - MyISAM\n"
                    "    id:: 6a1f0c2e-0000-4000-8000-000000000002\n"
                    "- Why pick ((6a1f0c2e-0000-4000-8000-000000000001)) over "
                    "((6a1f0c2e-0000-4000-8000-000000000002))?\n"
                    "  - Row locks and crash recovery.\n"
                    "- What does ((6a1f0c2e-0000-4000-8000-00000000dead)) mean?\n"
                    "  - A block of another page: kept as written.\n",
                    "engines.md");
    REQUIRE(ps.size() >= 2);
    CHECK(ps[ps.size() - 2].question == "Why pick InnoDB over MyISAM?");
    CHECK(ps.back().question == "What does ((6a1f0c2e-0000-4000-8000-00000000dead)) mean?");
    // A page with more prose lines than blocks reads as Markdown: the same.
    auto md = parse("- Engines\n"
                    "  - InnoDB\n"
                    "    id:: 6a1f0c2e-0000-4000-8000-000000000001\n"
                    "    Plain prose under the block, as pasted.\n"
                    "    More prose that is not a block.\n"
                    "    And a third line of it.\n"
                    "- Why is ((6a1f0c2e-0000-4000-8000-000000000001)) the default?\n"
                    "  Crash safety.\n",
                    "engines.md");
    REQUIRE_FALSE(md.empty());
    CHECK(md.back().question == "Why is InnoDB the default?");
    // A heading block is named by its title, without its marks.
    auto heading = parse("- ## Replication\n"
                         "  id:: 6a1f0c2e-0000-4000-8000-000000000003\n"
                         "  - Copies of the data on other nodes.\n"
                         "- What can go wrong with ((6a1f0c2e-0000-4000-8000-000000000003))?\n"
                         "  - Lag and split brain.\n"
                         "- Why does ((6a1f0c2e-0000-4000-8000-000000000003)) lag?\n"
                         "  - Writes are shipped after commit.\n",
                         "replication.md");
    REQUIRE_FALSE(heading.empty());
    CHECK(heading.back().question == "Why does Replication lag?");
}

TEST_CASE("a heading 'Question 5-3 about ...' lost its first words as a label",
          "[formats][regression]") {
    // Review: "Question 5-" was taken for a label and its dash, so the
    // question read "3 about docker volumes?".  A dash separates a label
    // only before a space ("Question 7 - What is a volume?").
    auto ps = parse("## Question 5-3 about docker volumes?\n\nThey persist.\n\n"
                    "## Question 7 - What is a volume?\n\nStorage.\n",
                    "volumes.md");
    CHECK(summary(ps) ==
          V{"1:question:Question 5-3 about docker volumes?", "5:question:What is a volume?"});
}

TEST_CASE("mutant: a '#10:30' comment over code is no numbered exercise", "[formats][mutants]") {
    // colon_number() wants a space after the colon: a time is no "1:" label.
    auto ps =
        parse(notebook({"#10:30 is when the nightly job runs", "run_at = '10:30'"}), "cron.ipynb");
    for (const Passage& p : ps)
        CHECK(p.kind != "question");
}
