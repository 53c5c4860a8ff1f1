// Table-driven parser cases, one block per note style, on text we wrote.
#include "helpers.hpp"

using namespace crib;
using test::parse;
using test::summary;
using V = std::vector<std::string>;

TEST_CASE("style 1: numbered questions with '#' answer lines (plain text)", "[parser]") {
    const char* text = "==========\n"
                       "# my prep notes\n"
                       "\n"
                       "1.what is a pod ?\n"
                       "![preview](image01.png)\n"
                       "   # A pod is the smallest unit.\n"
                       "   # It wraps containers.\n"
                       "2. whta is a replicaset ?\n"
                       "  # keeps N pods running\n"
                       "1. what is ingress ?\n"
                       "# routes HTTP into the cluster\n"
                       "# What is a service mesh?\n"
                       "sidecars everywhere\n"
                       "#1. The first layer.\n"
                       "#2. The second layer.\n"
                       "\n"
                       "=============\n"
                       "About the role\n"
                       "This is a remote position.\n"
                       "\n"
                       "\n"
                       "Skills\n"
                       "\n"
                       "Kubernetes and Terraform.\n";
    auto ps = parse(text, "notes.txt");
    CHECK(summary(ps) == V{"4:question:what is a pod ?", "8:question:whta is a replicaset ?",
                           "10:question:what is ingress ?", "12:question:What is a service mesh?",
                           "18:section:About the role", "22:section:Skills"});
    CHECK(ps[0].end_line == 7);
    CHECK(ps[0].answer == "A pod is the smallest unit.\nIt wraps containers.");
    CHECK(ps[3].end_line == 15);
    CHECK(ps[3].answer.find("1. The first layer.") != std::string::npos);
}

TEST_CASE("style 2: dash-separated entries and Scenario sub-questions", "[parser]") {
    const char* text = "How do you rotate IAM keys\n"
                       "\n"
                       "Use **access key** rotation:\n"
                       "1. **Create** a new key\n"
                       "2. **Delete** the old one\n"
                       "```\n"
                       "aws iam create-access-key\n"
                       "What? not a question\n"
                       "```\n"
                       "\n"
                       "------------------------------------------\n"
                       "\n"
                       "Difference between SQS and SNS:-\n"
                       "\n"
                       "SQS is a queue, SNS is pub/sub.\n"
                       "\n"
                       "------------------------------------------\n"
                       "Scenario questions for a cloud role\n"
                       "\n"
                       "Here are some:\n"
                       "\n"
                       "1. **Scenario: Slow Website**\n"
                       "   Pages load slowly. What do you check?\n"
                       "\n"
                       "Answer: CloudFront caching and RDS metrics.\n"
                       "\n"
                       "2. **Scenario: Lost Data**\n"
                       "   A bucket was emptied. How do you recover?\n"
                       "\n"
                       "   **Answer:**\n"
                       "   Versioning and replication.\n";
    auto ps = parse(text, "aws.txt");
    CHECK(summary(ps) ==
          V{"1:question:How do you rotate IAM keys", "13:question:Difference between SQS and SNS",
            "18:question:Scenario questions for a cloud role", "22:question:Scenario: Slow Website",
            "27:question:Scenario: Lost Data"});
    CHECK(ps[0].end_line == 9);
    CHECK(ps[2].end_line == 20);
    CHECK(ps[3].parent_line == 18);
    CHECK(ps[4].parent_line == 18);
    CHECK(ps[4].end_line == 31);
    CHECK(ps[3].answer.find("CloudFront") != std::string::npos);
}

TEST_CASE("style 3: Markdown headings as questions", "[parser]") {
    const char* text = "# Kubernetes notes\n"
                       "\n"
                       "Intro text about the cluster.\n"
                       "\n"
                       "## What is a Pod?\n"
                       "\n"
                       "The smallest unit.\n"
                       "\n"
                       "### Example\n"
                       "\n"
                       "A deeper non-question heading stays in the answer.\n"
                       "\n"
                       "## Q. What is a Service?\n"
                       "A stable endpoint.\n"
                       "\n"
                       "### 11. Title of a numbered question\n"
                       "Body.\n"
                       "\n"
                       "What is setext?\n"
                       "---------------\n"
                       "Underlined heading answer.\n"
                       "\n"
                       "1. ### Heading inside a list item?\n"
                       "   Its answer.\n"
                       "\n"
                       "## Cheat sheet\n"
                       "\n"
                       "| cmd | what |\n"
                       "|-----|------|\n"
                       "| get | list |\n";
    auto ps = parse(text);
    CHECK(summary(ps) == V{"1:section:Kubernetes notes", "5:question:What is a Pod?",
                           "13:question:What is a Service?",
                           "16:question:Title of a numbered question",
                           "19:question:What is setext?", "23:question:Heading inside a list item?",
                           "26:section:Cheat sheet"});
    CHECK(ps[1].end_line == 11);
    CHECK(ps[1].answer.find("### Example") != std::string::npos);
}

TEST_CASE("style 4: details/summary blocks", "[parser]") {
    const char* text = "### System questions\n"
                       "\n"
                       "<details>\n"
                       "<summary><b>What does <code>ls -l</code> show?</b></summary><br>\n"
                       "\n"
                       "Long listing.<br>\n"
                       "Useful resources:\n"
                       "- [man ls](https://example.com/ls)\n"
                       "</details>\n"
                       "\n"
                       "<details>\n"
                       "<summary><b>Why use swap?</b></summary>\n"
                       "</details>\n";
    auto ps = parse(text);
    CHECK(summary(ps) == V{"4:question:What does ls -l show?", "12:question:Why use swap?"});
    CHECK(ps[0].end_line == 9);
    CHECK(ps[0].answer.find("Long listing.") != std::string::npos);
    CHECK(ps[1].answer.empty());
}

TEST_CASE("style 5: bullet questions with nested bold answers", "[parser]") {
    const char* text = "#### Simple questions:\n"
                       "* What is a zombie process?\n"
                       "  - **A finished process whose parent has not reaped it.**\n"
                       "* Describe the boot process\n"
                       "  - **BIOS, bootloader, kernel, init.**\n"
                       "* What do these commands do?\n"
                       "  * `tee`\n"
                       "    - **copies stdin to stdout and files**\n"
                       "  * `awk`\n"
                       "    - **pattern scanning**\n"
                       "* Tell me about yourself?\n"
                       "  - **[...]**\n";
    auto ps = parse(text);
    CHECK(summary(ps) == V{"2:question:What is a zombie process?",
                           "4:question:Describe the boot process",
                           "6:question:What do these commands do?", "7:question:tee",
                           "9:question:awk", "11:question:Tell me about yourself?"});
    CHECK(ps[3].parent_line == 6);
    CHECK(ps[0].end_line == 3);
}

TEST_CASE("style 6: label styles", "[parser]") {
    const char* text = "Q: What is DNS?\n"
                       "A: Names to addresses.\n"
                       "\n"
                       "Q : What is TCP?\n"
                       "A : A reliable stream.\n"
                       "\n"
                       "Question: What is UDP?\n"
                       "Answer: Datagrams.\n"
                       "\n"
                       "Q: What is ARP? A: MAC lookup.\n"
                       "Question:\n"
                       "What is ICMP?\n"
                       "Ans: Control messages.\n";
    auto ps = parse(text, "labels.txt");
    CHECK(summary(ps) == V{"1:question:What is DNS?", "4:question:What is TCP?",
                           "7:question:What is UDP?", "10:question:What is ARP?",
                           "11:question:What is ICMP?"});
    CHECK(ps[3].answer == "MAC lookup.");
    CHECK(ps[4].answer == "Control messages.");
}

TEST_CASE("style 7: plain text bare questions", "[parser]") {
    const char* text = "What is a VPC?\n"
                       "    A private network in the cloud.\n"
                       "    With subnets.\n"
                       "Why use NAT?\n"
                       "Outbound access for private subnets.\n"
                       "\n"
                       "1)What is a subnet?\n"
                       "A slice of the VPC range.\n";
    auto ps = parse(text, "plain.txt");
    CHECK(summary(ps) == V{"1:question:What is a VPC?", "4:question:Why use NAT?",
                           "7:question:What is a subnet?"});
    CHECK(ps[0].end_line == 3);
    CHECK(ps[1].end_line == 5);
}

TEST_CASE("style 8: quiz with code, options and details answer", "[parser]") {
    const char* text = "###### 1. What's the output?\n"
                       "\n"
                       "```javascript\n"
                       "# not a heading\n"
                       "console.log(typeof null); // What?\n"
                       "```\n"
                       "\n"
                       "- A: `null`\n"
                       "- B: `object`\n"
                       "\n"
                       "<details><summary><b>Answer</b></summary>\n"
                       "<p>\n"
                       "\n"
                       "#### Answer: B\n"
                       "\n"
                       "A historical bug.\n"
                       "</p>\n"
                       "</details>\n"
                       "\n"
                       "---\n"
                       "\n"
                       "###### 2. What's the output?\n"
                       "\n"
                       "```javascript\n"
                       "console.log(0.1 + 0.2);\n"
                       "```\n";
    auto ps = parse(text);
    CHECK(summary(ps) ==
          V{"1:question:1. What's the output?", "22:question:2. What's the output?"});
    CHECK(ps[0].end_line == 18);
    CHECK(ps[0].answer.find("historical bug") != std::string::npos);
}

TEST_CASE("code is never split into questions", "[parser]") {
    const char* text = "## Q. How do I list pods?\n"
                       "\n"
                       "```bash\n"
                       "# What is this?\n"
                       "kubectl get pods\n"
                       "## Q. Not a question?\n"
                       "```\n"
                       "\n"
                       "    # indented code\n"
                       "    What? still code\n";
    auto ps = parse(text);
    CHECK(summary(ps) == V{"1:question:How do I list pods?"});
    CHECK(ps[0].end_line == 10);
}

TEST_CASE("question cleaning", "[parser]") {
    auto [raw, want] = GENERATE(table<std::string, std::string>({
        {"1. what is s3 ?", "what is s3 ?"},
        {"9.Loadbalancer types ?", "Loadbalancer types ?"},
        {"## Q. ***What is a Cloud?***", "What is a Cloud?"},
        {"Q: What is DNS?", "What is DNS?"},
        {"Difference between RDS and DynamoDB:-", "Difference between RDS and DynamoDB"},
        {"<b>What does <code>2>&-</code> do?</b>", "What does 2>&- do?"},
        {"1)Question text?", "Question text?"},
        {"* **Bold bullet?**", "Bold bullet?"},
        {"#### [\xE2\xAC\x86](#toc) <a name='x'>Simple Questions:</a>", "Simple Questions"},
        {"snake_case_name?", "snake_case_name?"},
    }));
    CAPTURE(raw);
    CHECK(clean_question(raw) == want);
}

TEST_CASE("noise is not indexed", "[parser]") {
    const char* text =
        "1.what is docker ?\n"
        "![preview](image04.png)\n"
        "Dockerfile\n"
        "Copy code\n"
        "COPY app.jar /app/\n"
        "Save to grepper\n"
        "+++++++++\n"
        "<div align=\"right\"><b><a href=\"#top\">\xE2\x86\xA5 back to top</a></b></div>\n";
    auto ps = parse(text, "n.txt");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].answer == "Dockerfile\nCOPY app.jar /app/");
    CHECK(indexable_text("see ![img](a.png) and [docs](http://x.y/z) :rocket_ship:") ==
          "see  and docs ");
}

TEST_CASE("robustness: any bytes in, passages out, lines right", "[parser][robust]") {
    SECTION("invalid UTF-8 and CRLF") {
        auto r =
            parse_notes("1. what is caf\xE9 ?\r\nanswer\r\n2. next \x93q\x94 ?\r\nx\r\n", "w.txt");
        CHECK(r.warnings.size() == 1);
        REQUIRE(r.passages.size() == 2);
        CHECK(r.passages[1].line == 3);
        CHECK(r.passages[0].question == "what is caf\xC3\xA9 ?");
    }
    SECTION("BOM, tabs and NUL") {
        static const char bom_tab_nul[] = "\xEF\xBB\xBFQ: tab\tbed?\nA: x\0y\n";
        auto r = parse_notes(std::string(bom_tab_nul, sizeof bom_tab_nul - 1), "b.txt");
        REQUIRE(r.passages.size() == 1);
        CHECK(r.passages[0].line == 1);
    }
    SECTION("a 100 KB line and a 20 MB file") {
        std::string big = "1. what is long ?\n" + std::string(100000, 'x') + "\n";
        CHECK(parse_notes(big, "l.txt").passages.size() == 1);
        std::string huge;
#ifdef __SANITIZE_ADDRESS__
        const size_t huge_size = 5u << 20; // 20 MB took 110 s of the sanitizer run
#else
        const size_t huge_size = 20u << 20;
#endif
        for (int i = 0; huge.size() < huge_size; ++i)
            huge += "## Q. Question " + std::to_string(i) + "?\nanswer text here\n\n";
        auto r = parse_notes(huge, "h.md");
        CHECK(r.passages.size() > 100000);
        CHECK(r.passages.back().line > 300000);
    }
    SECTION("deeply nested lists") {
        std::string nested;
        for (int i = 0; i < 500; ++i)
            nested += std::string(i * 2, ' ') + "- level?\n";
        CHECK_NOTHROW(parse_notes(nested, "n.md"));
    }
    SECTION("empty and whitespace-only") {
        CHECK(parse_notes("", "e.md").passages.empty());
        CHECK(parse_notes("\n\n  \n", "e.txt").passages.empty());
    }
}

TEST_CASE("files that are not Q&A still index as sections", "[parser]") {
    auto ps = parse("Meeting notes from Monday\n\nWe discussed the roadmap and budget.\n", "m.txt");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].kind == "section");
    CHECK(ps[0].question == "Meeting notes from Monday");
}

TEST_CASE("one-line paragraphs of a text note were each dropped as an empty title", "[parser]") {
    // Each short paragraph was taken for a section title with nothing under
    // it and dropped: the file had no passage, its lines were not searchable.
    auto ps = parse("Kafka notes\n\npartitions give ordering per key\n\nconsumer groups share "
                    "partitions\n\nretention is time or size based\n",
                    "kafka.txt");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].question == "Kafka notes");
    CHECK(ps[0].answer.find("consumer groups share partitions") != std::string::npos);
    CHECK(ps[0].answer.find("retention is time or size based") != std::string::npos);
    SECTION("a last one-line paragraph is text of the section above") {
        auto t = parse("Title\n\nline one\nline two\n\nline three\n", "t.txt");
        REQUIRE(t.size() == 1);
        CHECK(t[0].answer.find("line three") != std::string::npos);
    }
    SECTION("one-line paragraphs under an underlined title") {
        auto t = parse("Title\n=====\n\npara one\n\npara two\n", "u.txt");
        REQUIRE(t.size() == 1);
        CHECK(t[0].question == "Title");
        CHECK(t[0].answer.find("para two") != std::string::npos);
    }
    SECTION("a note of one line is one passage") {
        auto t = parse("One line only\n", "o.txt");
        REQUIRE(t.size() == 1);
        CHECK(t[0].question == "One line only");
    }
    SECTION("a short line over a paragraph still titles it") {
        auto t = parse("Intro text here.\n\nRequirements\n\nKubernetes and Helm in production.\n",
                       "job.txt");
        REQUIRE(t.size() == 2);
        CHECK(t[1].question == "Requirements");
    }
}

TEST_CASE("tags: #tags and front matter", "[parser]") {
    auto ps = parse("---\ntags: [aws, networking]\n---\n## What is a VPC?\nA network #cloud\n");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].line == 4);
    CHECK(ps[0].tags == V{"cloud", "aws", "networking"});
}

TEST_CASE("sub-headings split sections but stay inside question answers", "[parser]") {
    auto ps = parse(
        "# Cheat sheet\n\nintro\n\n## Images\n\n`docker images`\n\n## Containers\n\n`docker ps`\n");
    CHECK(summary(ps) == V{"1:section:Cheat sheet", "5:section:Images", "9:section:Containers"});
}

TEST_CASE("numbered tutorial steps are sections, numbered interview headings questions",
          "[parser]") {
    auto steps = parse("# Workshop\n\nsetup\n\n## 1. Install the tools\n\nrun apt\n\n## 2. Create "
                       "a cluster\n\nrun kind\n");
    for (const auto& p : steps)
        CHECK(p.kind == "section");
    auto quiz = parse("# Interview questions\n\n### 1. Closures\n\nA function with its "
                      "scope.\n\n### 2. Hoisting\n\nDeclarations move up.\n");
    CHECK(summary(quiz) == V{"3:question:Closures", "7:question:Hoisting"});
}

TEST_CASE("runs of bold bullet questions without answers", "[parser]") {
    auto ps =
        parse("## Intro\n\nSome warm-up questions:\n\n- <b>What did you learn this week?</b>\n- "
              "<b>What excites you about this role?</b>\n- <b>Tell me about a hard bug.</b>\n");
    V s = summary(ps);
    CHECK(std::count_if(s.begin(), s.end(),
                        [](auto& x) { return x.find(":question:") != std::string::npos; }) == 3);
}

TEST_CASE("regression: 'N - question' numbering stayed in the question", "[parser][numbering]") {
    const char* text = "1. What is a pod?\n"
                       "A group of containers.\n"
                       "\n"
                       "7 - What is idempotency?\n"
                       "Doing it twice changes nothing more.\n"
                       "\n"
                       "8 \xE2\x80\x93 Why retry with backoff?\n"
                       "Networks fail for a moment.\n"
                       "\n"
                       "9 \xE2\x80\x94 How do leases work?\n"
                       "A holder renews them.\n";
    auto ps = parse(text, "numbering.txt");
    CHECK(summary(ps) == V{"1:question:What is a pod?", "4:question:What is idempotency?",
                           "7:question:Why retry with backoff?",
                           "10:question:How do leases work?"});
}

TEST_CASE("regression: 'N - ' is stripped only before words, not from arithmetic",
          "[parser][numbering]") {
    auto [raw, want] = GENERATE(table<std::string, std::string>({
        {"7 - What is idempotency?", "What is idempotency?"},
        {"12 \xE2\x80\x93 Explain CAP", "Explain CAP"},
        {"2 - 1 = 1?", "2 - 1 = 1?"},
        {"10 - x = 3, what is x?", "10 - x = 3, what is x?"},
        {"3 -5 degrees?", "3 -5 degrees?"},
        {"2024 - 1999 = ?", "2024 - 1999 = ?"},
        {"2024 - Year in review", "2024 - Year in review"}, // a year, not numbering
        {"1984 - Orwell notes", "1984 - Orwell notes"},
        {"120 - What is a socket?", "What is a socket?"},
    }));
    CAPTURE(raw);
    CHECK(clean_question(raw) == want);
}

TEST_CASE("regression: the answer label 'A:' stayed at the start of the answer",
          "[parser][answer-label]") {
    SECTION("plain text") {
        const char* text = "Q: What is DNS?\n"
                           "A: Names to addresses.\n"
                           "\n"
                           "Q. What is TCP?\n"
                           "A. A reliable stream.\n"
                           "\n"
                           "2) What is a service?\n"
                           "Answer: A stable address for pods.\n"
                           "\n"
                           "Question: What is ICMP?\n"
                           "Ans: Control messages.\n"
                           "More about it.\n";
        auto ps = parse(text, "labels.txt");
        REQUIRE(ps.size() == 4);
        CHECK(ps[0].answer == "Names to addresses.");
        CHECK(ps[1].answer == "A reliable stream.");
        CHECK(ps[2].answer == "A stable address for pods.");
        CHECK(ps[3].answer == "Control messages.\nMore about it.");
    }
    SECTION("markdown, bold labels and a label on its own line") {
        const char* text = "## What is a pod?\n"
                           "**Answer:** A group of containers.\n"
                           "\n"
                           "Q: What is a deployment?\n"
                           "A: It manages replica sets.\n"
                           "\n"
                           "## What is a node?\n"
                           "Answer:\n"
                           "\n"
                           "A machine.\n";
        auto ps = parse(text, "labels.md");
        REQUIRE(ps.size() == 3);
        CHECK(ps[0].answer == "A group of containers.");
        CHECK(ps[1].answer == "It manages replica sets.");
        CHECK(ps[2].answer == "A machine.");
    }
    SECTION("'A.' is a label only after a Q-labelled question") {
        auto ps = parse("## Who wrote it?\nA. Lincoln wrote it.\n", "a.md");
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].answer == "A. Lincoln wrote it.");
    }
    SECTION("text that only looks like a label is kept: YAML, a lower-case 'answer:'") {
        auto ps = parse("## What is YAML?\na: 1\nb: 2\n\n## What is it?\nanswer: 42 is the key\n",
                        "yaml.md");
        REQUIRE(ps.size() == 2);
        CHECK(ps[0].answer == "a: 1\nb: 2");
        CHECK(ps[1].answer == "answer: 42 is the key");
    }
}

TEST_CASE("regression: blockquote and callout '>' markers leaked into snippets",
          "[parser][quote]") {
    const char* text = "## Caching\n"
                       "\n"
                       "> [!tip] Interview angle\n"
                       "> Mention cache invalidation.\n"
                       "> > Nested quote.\n"
                       "\n"
                       "```sh\n"
                       "> out.txt\n"
                       "```\n"
                       "Redirect with 2>&1 here.\n";
    auto ps = parse(text, "quote.md");
    REQUIRE(ps.size() == 1);
    std::string snippet = snippet_text(ps[0].answer);
    CHECK(snippet.rfind("Tip: Interview angle\nMention cache invalidation.\nNested quote.", 0) ==
          0);
    CHECK(snippet.find("> out.txt") != std::string::npos); // code keeps its text
    CHECK(snippet.find("2>&1") != std::string::npos);
    CHECK(indexable_text("> quoted\n    > indented code\n") == "quoted\n    > indented code\n");
}

TEST_CASE("regression: repeated numbered questions all read the same once numbers were dropped",
          "[parser][repeated]") {
    const char* text = "# Quiz\n"
                       "\n"
                       "###### 1. What does this print?\n"
                       "```py\nprint(1 + 1)\n```\n"
                       "\n"
                       "###### 2. What does this print?\n"
                       "```py\nprint('a' * 2)\n```\n"
                       "\n"
                       "###### 3. Why is a list mutable?\n"
                       "Because it is.\n"
                       "\n"
                       "###### 4. **What does this print?**\n"
                       "```py\nprint([] or 0)\n```\n"
                       "\n"
                       "## Example\nOne.\n\n## Example\nTwo.\n";
    auto ps = parse(text, "quiz.md");
    CHECK(summary(ps) ==
          V{"3:question:1. What does this print?", "8:question:2. What does this print?",
            "13:question:Why is a list mutable?", "16:question:4. What does this print?",
            "21:section:Example", "24:section:Example"});
}

TEST_CASE("regression: repeated '7 - ' and '2)' numbered questions keep their numbers",
          "[parser][repeated]") {
    auto ps = parse("1) Which is faster?\nA loop.\n\n2) Which is faster?\nA map.\n\n3 - Which is "
                    "faster?\nNeither.\n",
                    "faster.txt");
    CHECK(summary(ps) == V{"1:question:1. Which is faster?", "4:question:2. Which is faster?",
                           "7:question:3. Which is faster?"});
}

TEST_CASE("mutant: a heading with nothing under it is no passage of its own", "[parser][mutants]") {
    // Only a bare title (no '#') is kept when it is all the note holds; a
    // lone Markdown heading is the whole file, said as not split.
    auto ps = parse("# Contents\n", "c.md");
    for (const Passage& p : ps)
        CHECK((p.question != "Contents" || p.whole_file));
}

TEST_CASE("cleaning passes: each special byte is rewritten where a plain run ends",
          "[parser][regression]") {
    // The passes copy the text between the bytes they rewrite whole
    // (dc581bb): a byte left out of a pass's table is copied as text.
    CHECK(strip_emphasis("keep ~~old~~ and _new_ text") == "keep old and new text");
    CHECK(strip_emphasis("~~x~~") == "x");
    CHECK(strip_emphasis("snake_case and ~/bin stay") == "snake_case and ~/bin stay");
    CHECK(strip_emphasis("`code` and *it*") == "code and it");
    CHECK(strip_tags("x<b>y</b>") == "xy");
    CHECK(decode_entities("a&amp;b&lt;") == "a&b<");
    CHECK(decode_entities("a & b&") == "a & b&");
    CHECK(strip_links("see ![i](p.png)[a](b)!") == "see a!");
    CHECK(strip_shortcodes("go :rocket_ship: now:") == "go  now:");
}
