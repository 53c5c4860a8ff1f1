#include "common/config.hpp"
#include "formats/note_text.hpp"
#include "helpers.hpp"
#include "index/synonyms.hpp"
#include "index/topics.hpp"
#include "index_fixture.hpp"
#include "search/search.hpp"

#include <algorithm>

using namespace crib;
using V = std::vector<std::string>;

TEST_CASE("taxonomy: question keyword or two answer hits", "[topics]") {
    auto tax = Taxonomy::parse(
        "kubernetes: k8s, statefulset, pod\naws: ec2, s3, \"auto scaling group\"\n");
    Passage p;
    p.question = "What is a StatefulSet?";
    p.answer = "Runs on EC2.";
    CHECK(tax.classify(p) == V{"kubernetes"});
    p.answer = "EC2 instances in an auto scaling group";
    CHECK(tax.classify(p) == V{"kubernetes", "aws"});
    CHECK(tax.canonical("K8s") == "kubernetes");
    CHECK(tax.canonical("golang") == "golang");
}

TEST_CASE("a keyword matched every word of its stem: contains was docker, logged monitoring",
          "[topics][regression]") {
    auto tax = Taxonomy::parse(
        "docker: container\nmonitoring: logging\nscaling: scalability, scalable, load balance\n"
        "security: encrypt, secure\n");
    auto topics = [&](const std::string& question) {
        Passage p;
        p.question = question;
        return tax.classify(p);
    };
    // Words that share the keyword's stem but are other words.
    CHECK(topics("What does the list contain?").empty());
    CHECK(topics("It contains two items").empty());
    CHECK(topics("What's the logged output?").empty());
    CHECK(topics("Where are the logs?").empty());
    // The keyword's own inflections, and derived words of a base form.
    CHECK(topics("Why run containers?") == V{"docker"});
    CHECK(topics("Structured logging") == V{"monitoring"});
    CHECK(topics("What limits scalability?") == V{"scaling"});
    CHECK(topics("Load balancing or a load balancer?") == V{"scaling"});
    CHECK(topics("Is the data encrypted?") == V{"security"});
    CHECK(topics("Encryption at rest") == V{"security"});
    CHECK(topics("What is web security?") == V{"security"});
}

TEST_CASE("topics came from link URLs: git.doomemacs.org was git, https networking",
          "[topics][regression]") {
    // Found by a new-user session on Doom's FAQ: a framework question was
    // tagged git and networking by the hosts and schemes of its links.
    auto tax = Taxonomy::parse("git: git, rebase\nnetworking: http, https, dns\n");
    Passage p;
    p.question = "Doom claims to be a framework. What's the difference?";
    p.answer = "Doom's core <https://git.doomemacs.org/core> and its [module "
               "library](https://git.doomemacs.org/modules), see www.git-scm.com or "
               "(https://example.org/dns).";
    CHECK(tax.classify(p).empty());
    p.answer += " Set it up with git and rebase over HTTPS and DNS.";
    CHECK(tax.classify(p) == V{"git", "networking"});
    CHECK(strip_urls("see <https://x.org/a> and [docs](http://y.io) or www.z.com now") ==
          "see  and docs or  now");
}

TEST_CASE("taxonomy: bad lines are reported, not fatal", "[topics]") {
    std::vector<std::string> errors;
    auto tax = Taxonomy::parse("# comment\nno colon here\ndocker: container\n", &errors);
    CHECK(tax.size() == 1);
    CHECK(errors.size() == 1);
}

TEST_CASE("assign_topics adds the tags and the folder that name subjects", "[topics]") {
    auto tax = Taxonomy::parse("kubernetes: k8s\nnetworking: dns\n");
    std::vector<Passage> ps(1);
    ps[0].question = "How do deployments roll out?";
    ps[0].tags = {"k8s", "prep"};
    assign_topics(ps, tax, "Networking");
    CHECK(ps[0].topics == V{"kubernetes", "networking"});
    CHECK(ps[0].tags == V{"k8s", "prep"}); // "prep" stays a tag
}

TEST_CASE("synonyms: groups and multi-word group terms", "[topics]") {
    auto syn = Synonyms::parse("kubernetes = k8s\nauto scaling group = asg\n# c\nlonely\n");
    REQUIRE(syn.groups().size() == 2);
    CHECK(syn.group_terms(stemmed_words("EC2 in an Auto Scaling Group")) == V{syn.group_term(1)});
    // Stable under edits elsewhere in the file.
    auto edited = Synonyms::parse("pod = po\nkubernetes = k8s\nauto scaling group = asg\n");
    CHECK(edited.group_term(2) == syn.group_term(1));
    CHECK(syn.group_terms(stemmed_words("k8s")).empty()); // single words use the synonym table
}

TEST_CASE("synonyms: 'terraform' found 'tar tf' and TF-IDF (one-way aliases)",
          "[topics][regression]") {
    // A new user's finding: the shipped "terraform = tf" made terraform find
    // every "tf"; "tf => terraform" lets tf find terraform, not the reverse.
    auto syn = Synonyms::parse("tf => terraform\ndr => disaster recovery\nk8s = kubernetes\n");
    REQUIRE(syn.groups().size() == 3);
    CHECK(syn.groups()[0].aliases == V{"tf"});
    CHECK(syn.groups()[0].members == V{"terraform"});
    test::TempDir d;
    Xapian::WritableDatabase db(d.str() + "/db", Xapian::DB_CREATE_OR_OPEN);
    syn.apply(db);
    auto values = [&db](const std::string& key) {
        return V(db.synonyms_begin(key), db.synonyms_end(key));
    };
    auto has = [](const V& v, const std::string& t) {
        return std::find(v.begin(), v.end(), t) != v.end();
    };
    CHECK(has(values("tf"), "Zterraform"));
    CHECK_FALSE(has(values("terraform"), "Ztf"));
    CHECK_FALSE(has(values("Zterraform"), "Ztf"));
    CHECK(has(values("dr"), syn.group_term(1))); // a multi-word member by its group term
    CHECK(syn.group_terms(stemmed_words("dr")).empty());
    CHECK(has(values("kubernetes"), "Zk8s")); // "=" stays both ways
    CHECK(has(values("k8s"), "Zkubernet"));
}

TEST_CASE("config file keys", "[config]") {
    auto c =
        parse_config("db = /x/idx\nlimit = 5\ncolor = never\nnotes = ~/a, /b\nbogus = 1\n", "cfg");
    CHECK(c.db == "/x/idx");
    CHECK(c.limit == 5);
    CHECK(c.color == "never");
    REQUIRE(c.notes.size() == 2);
    CHECK(c.notes[1] == "/b");
    CHECK(c.errors.size() == 1);
}

TEST_CASE("a code fence label made a topic: code and fence info strings are not keywords",
          "[topics][regression]") {
    // Issue 11: a ```js fence assigned "javascript" to Docker passages.
    auto tax = Taxonomy::parse("javascript: js, nodejs\ndocker: container\n");
    Passage p;
    p.question = "How do you run a container?";
    p.answer =
        "Use docker run.\n```js\nconst js = require('js'); js.run(nodejs)\n```\nThen check it.";
    CHECK(tax.classify(p) == V{"docker"});
}

TEST_CASE("the first folder of every corpus became a topic: only topic-like folders are",
          "[topics][regression]") {
    auto tax = Taxonomy::parse("kubernetes: k8s\nsystem-design: system design\n");
    CHECK(subject_named("k8s", tax) == "kubernetes");
    CHECK(subject_named("system-design", tax) == "system-design");
    CHECK(subject_named("lydiahallie__javascript-questions", tax).empty());
    CHECK(subject_named("my interview notes 2024", tax).empty());
    CHECK(subject_named("", tax).empty());
    std::vector<Passage> ps(1);
    ps[0].question = "What is X?";
    assign_topics(ps, tax, "bradbaris__linux-sysadmin-interview-questions");
    CHECK(ps[0].topics.empty());
}

// A line of Obsidian tags under a heading tags that section and those under it.
static std::vector<Passage> tagged(const std::string& text) {
    auto ps = test::parse(text, "tags.md");
    assign_topics(ps, Taxonomy::parse("kubernetes: k8s\nnetworking: dns\n"), "");
    return ps;
}

TEST_CASE("regression: a line of #tags under a heading became a passage of its own",
          "[topics][tag-line]") {
    auto ps =
        tagged("# Kubernetes\n#k8s #interview\n\n## What is a pod?\nA group of containers.\n");
    REQUIRE(ps.size() == 1); // no "Kubernetes" passage whose whole answer is "#k8s #interview"
    CHECK(ps[0].question == "What is a pod?");
    CHECK(ps[0].answer == "A group of containers.");
    CHECK(ps[0].topics == V{"kubernetes"}); // k8s resolved as the taxonomy does; interview a tag
}

TEST_CASE("regression: tags of a tag line reach the sections under the heading only",
          "[topics][tag-line]") {
    auto ps = tagged("## Services\n#k8s\n\nHow pods are reached.\n\n### What is a ClusterIP?\n"
                     "An internal address.\n\n## Other\nUnrelated text here.\n");
    REQUIRE(ps.size() == 3);
    CHECK(ps[0].answer == "How pods are reached.");
    CHECK(ps[0].topics == V{"kubernetes"});
    CHECK(ps[1].topics == V{"kubernetes"});
    CHECK(ps[2].topics.empty());
}

TEST_CASE("front matter tags are topics of every passage, aliases resolved", "[topics][tag-line]") {
    auto ps = tagged("---\ntags: [k8s, dns]\n---\n# Notes\n\n## What is a pod?\nContainers.\n");
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].topics == V{"kubernetes", "networking"});
}

namespace {

/// Passages of one file, in order, with these questions and the heading they sit under.
std::vector<Passage> file_of(const std::string& file, const std::string& title,
                             const V& questions) {
    std::vector<Passage> ps;
    for (const auto& q : questions) {
        Passage p;
        p.file = file;
        p.question = q;
        p.headings = {title};
        ps.push_back(p);
    }
    return ps;
}

const Taxonomy& shipped() {
    static const Taxonomy tax =
        Taxonomy::load(std::string(CRIB_SOURCE_DIR) + "/content/crib-topics.conf");
    return tax;
}

} // namespace

TEST_CASE("folders named vault, logseq, misc, notes, mydiscordchannel became topics",
          "[topics][regression]") {
    for (const char* container : {"vault", "logseq", "misc", "notes", "mydiscordchannel", "Notes",
                                  "2024", "interview-prep"}) {
        INFO(container);
        CHECK(subject_named(container, shipped()).empty());
        std::vector<Passage> ps(1);
        ps[0].file = std::string(container) + "/page.md";
        ps[0].question = "What did the recruiter ask?";
        assign_topics(ps, shipped(), container);
        CHECK(ps[0].topics.empty());
    }
    CHECK(subject_named("k8s", shipped()) == "kubernetes");
    CHECK(subject_named("Docker", shipped()) == "docker");
    CHECK(subject_named("system-design", shipped()) == "system-design");
}

TEST_CASE("chat hashtags that name no subject became topics", "[topics][regression]") {
    std::vector<Passage> ps(1);
    ps[0].file = "chat/log.md";
    ps[0].question = "Anyone got a good answer for this one?";
    ps[0].tags = {"mydiscordchannel", "interview", "k8s/pods", "k8s", "python"};
    assign_topics(ps, shipped(), "");
    CHECK(ps[0].topics == V{"kubernetes", "python"});
    CHECK(ps[0].tags.size() == 5); // the rest stay tags (-t and tag: find them)
}

TEST_CASE("a question bank about one language reached a quarter of its passages with -t",
          "[topics][regression]") {
    // The file's name and title name javascript: every passage gets it, the
    // "What's the output?" quizzes whose words never say so too.
    auto bank = file_of("corpus/someone__javascript-questions/README.md", "JavaScript Questions",
                        {"What's the output?", "What's the output?", "What is a closure?"});
    CHECK(file_subject(bank, shipped()) == "javascript");
    assign_topics(bank, shipped(), "");
    for (const Passage& p : bank)
        CHECK(std::count(p.topics.begin(), p.topics.end(), "javascript") == 1);
    // A file named by its own stem.
    CHECK(file_subject(file_of("notes/python.md", "Interview prep", {"Why?"}), shipped()) ==
          "python");
    // Two subjects, or none: no file-wide topic.
    CHECK(file_subject(file_of("b/docker-and-kubernetes-basics/README.md", "Basics", {"Q?"}),
                       shipped())
              .empty());
    CHECK(file_subject(file_of("notes/misc.md", "Things I was asked", {"Q?"}), shipped()).empty());
    // A heading only some passages sit under is not the file's title.
    auto mixed = file_of("notes/prep.md", "Docker", {"What is an image?"});
    mixed.push_back(file_of("notes/prep.md", "Behavioural", {"Tell me about a conflict"})[0]);
    CHECK(file_subject(mixed, shipped()).empty());
}

TEST_CASE("the topic list holds subjects only and -t still finds a tag", "[topics][regression]") {
    test::TempDir d;
    d.write("notes/vault/k8s.md", "## What is a pod? #interview\nThe smallest unit.\n");
    d.write("notes/mydiscordchannel/chat.md",
            "## Who asked about docker images? #mydiscordchannel\nSomeone asked.\n");
    crib::IndexOptions o = test::notes_options(d);
    o.taxonomy = std::string(CRIB_SOURCE_DIR) + "/content/crib-topics.conf";
    crib::run_index(o);
    std::vector<std::string> names;
    for (const auto& [name, n] : list_topics(o.db))
        names.push_back(name);
    std::sort(names.begin(), names.end());
    CHECK(names == V{"docker", "kubernetes"});
    CHECK(unknown_topics(o.db, {"interview", "mydiscordchannel", "k8s"}).empty());
    CHECK(unknown_topics(o.db, {"vault", "nosuchtopic"}) == V{"vault", "nosuchtopic"});
    SearchRequest r;
    r.db = o.db;
    r.query = "pod";
    r.topics = {"interview"};
    CHECK(search(r).total == 1);
    r.query = "tag:mydiscordchannel";
    r.topics = {};
    CHECK(search(r).total == 1);
}
