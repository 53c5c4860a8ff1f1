// Related questions (query/search/related*.cpp): one regression test per
// example of issue 29, each on a small index of notes written here.
#include "index_fixture.hpp"
#include "search/internal.hpp"
#include "search/search.hpp"

#include <algorithm>

using namespace crib;

namespace {

/// The related questions of the top hit of `query` over the notes of `d`
/// (one hit shown, so the top hit alone says what they are about).
std::vector<Related> related_of(const test::TempDir& d, const std::string& query) {
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = query;
    r.limit = 1;
    return search(r).related;
}

/// The related questions of `query` with a whole page of hits shown (so
/// that the hits below the top one count too).
std::vector<Related> related_of_page(const test::TempDir& d, const std::string& query) {
    SearchRequest r;
    r.db = test::index_notes(d);
    r.query = query;
    r.limit = 10;
    return search(r).related;
}

/// related_of() over an index built with the shipped taxonomy, so that
/// passages carry topic labels.
std::vector<Related> related_labelled(const test::TempDir& d, const std::string& query) {
    IndexOptions o = test::notes_options(d);
    o.taxonomy = std::string(CRIB_SOURCE_DIR) + "/content/crib-topics.conf";
    run_index(o);
    SearchRequest r;
    r.db = o.db;
    r.query = query;
    r.limit = 1;
    return search(r).related;
}

/// The questions of `rel`, one a line (for CAPTURE).
std::string listed(const std::vector<Related>& rel) {
    std::string out;
    for (const Related& r : rel)
        out += r.file + ": " + r.question + "\n";
    return out;
}

/// True if some related question comes from a file whose path holds `part`.
bool from_file(const std::vector<Related>& rel, const std::string& part) {
    return std::any_of(rel.begin(), rel.end(),
                       [&](const Related& r) { return r.file.find(part) != std::string::npos; });
}

/// True if `question` is among the related questions.
bool offers(const std::vector<Related>& rel, const std::string& question) {
    return std::any_of(rel.begin(), rel.end(),
                       [&](const Related& r) { return r.question == question; });
}

} // namespace

TEST_CASE("related: config lines of the hit chose the words (prometheus alerting rules)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/alerting.md",
            "## How do you write Prometheus alerting rules?\n"
            "Alerting rules are PromQL conditions Prometheus evaluates; a firing rule sends an "
            "alert to Alertmanager.\n\n```yaml\ngroups:\n  - name: api\n    rules:\n"
            "      - alert: HighErrorRate\n        expr: rate(errors[5m]) > 0.05\n"
            "        for: 5m\n```\n\nEdit the yml file with nano and reload.\n\n"
            "## How does Alertmanager route Prometheus alerts?\n"
            "Alertmanager groups alerts and routes them to receivers.\n\n"
            "## What is alert fatigue?\nToo many alerts firing; tune the alerting rules.\n\n"
            "## How do you test Prometheus alerting rules?\nUse promtool to test rules.\n");
    d.write("notes/linux.md",
            "## How do you rotate log files?\nOpen the yml file with nano, set the expr, save the "
            "file.\n\n## How does chmod change file permissions?\nchmod edits the file mode; nano "
            "the file first.\n\n## What does expr do in a shell?\nexpr evaluates an expression "
            "from a yaml file.\n");
    auto rel = related_of(d, "prometheus alerting rules");
    CAPTURE(listed(rel));
    CHECK_FALSE(from_file(rel, "linux.md"));
    CHECK(offers(rel, "How does Alertmanager route Prometheus alerts?"));
    CHECK(offers(rel, "What is alert fatigue?"));
}

TEST_CASE("related: 'resolve' of a promise led to DNS (promise all vs race)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/promises.md",
            "## What is the difference between Promise.all and Promise.race?\n"
            "Promise.all resolves when every promise resolves and rejects when one rejects; "
            "Promise.race settles with the first promise that settles.\n\n"
            "## What does Promise.allSettled return?\nA promise of every outcome, fulfilled or "
            "rejected.\n\n"
            "## How does async/await relate to promises?\nawait pauses until the promise "
            "settles.\n");
    d.write("notes/dns.md",
            "## Why won't hostnames resolve on a server?\nCheck resolv.conf: the resolver may "
            "not resolve names.\n\n## What does NXDOMAIN mean?\nThe name does not resolve: no "
            "such domain.\n\n## How do you resolve a domain name from the CLI?\nUse dig or host "
            "to resolve it.\n");
    auto rel = related_of(d, "promise all vs race");
    CAPTURE(listed(rel));
    CHECK_FALSE(from_file(rel, "dns.md"));
    CHECK(offers(rel, "What does Promise.allSettled return?"));
}

TEST_CASE("related: 'target' led to systemd and postMessage (load balancer health check)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/balancing.md",
            "## How do load balancer health checks work?\nThe load balancer probes each target; "
            "an unhealthy target leaves the target group until its health check passes.\n\n"
            "## What is connection draining on a load balancer?\nThe balancer lets requests to "
            "a deregistered backend finish.\n\n"
            "## Round robin or least connections load balancing?\nRound robin rotates; least "
            "connections picks the idlest backend.\n");
    d.write("notes/systemd.md",
            "## What is a systemd target?\nA target groups units; multi-user.target is a "
            "target.\n\n## How do you change the default target?\nsystemctl set-default "
            "target.\n");
    d.write("notes/web.md", "## What is postMessage?\npostMessage sends a message to a target "
                            "window; targetOrigin names the target.\n");
    auto rel = related_of(d, "load balancer health check");
    CAPTURE(listed(rel));
    CHECK_FALSE(from_file(rel, "systemd.md"));
    CHECK_FALSE(from_file(rel, "web.md"));
    CHECK(offers(rel, "What is connection draining on a load balancer?"));
}

TEST_CASE("related: a wrong topic label pulled in its topic (playbook tagged kubernetes)",
          "[related][regression]") {
    test::TempDir d;
    // "deployment" in the question gives the playbook the kubernetes topic.
    d.write("notes/ansible.md",
            "## How do you write an Ansible playbook for a deployment?\nA playbook lists plays; "
            "each play runs Ansible tasks on hosts from the inventory.\n\n"
            "## What is an Ansible inventory?\nThe hosts Ansible manages, in groups.\n\n"
            "## What are Ansible handlers?\nTasks a playbook runs when notified.\n");
    d.write("notes/kubernetes.md",
            "## What is a Kubernetes Role?\nA Role grants access to kubectl resources in a "
            "namespace.\n\n## What is a RoleBinding in Kubernetes?\nIt binds a Role to users "
            "of a pod namespace.\n\n## What is a kubernetes deployment?\nIt manages replica "
            "pods.\n");
    auto rel = related_of(d, "ansible playbook");
    CAPTURE(listed(rel));
    CHECK_FALSE(offers(rel, "What is a Kubernetes Role?"));
    CHECK_FALSE(offers(rel, "What is a RoleBinding in Kubernetes?"));
    CHECK(offers(rel, "What is an Ansible inventory?"));
}

TEST_CASE("related: the temporal dead zone was not offered for hoisting", "[related][regression]") {
    test::TempDir d;
    d.write("notes/quiz.md",
            "## 1. What's the output?\n```js\nconsole.log(a);\nvar a = 1;\n```\n\n"
            "Answer: `undefined`. The `var` declaration is hoisted; `let` and `const` are "
            "hoisted too but stay in the temporal dead zone until declared.\n\n"
            "## 2. What's the output?\n```js\nsetTimeout(() => console.log(1));\n```\n\n"
            "Answer: the callback runs after the event loop empties the call stack.\n\n"
            "## 3. What's the output?\n```js\nconsole.log(typeof null);\n```\n\nAnswer: "
            "`object`, a historic bug of typeof.\n");
    d.write("notes/scope.md",
            "## What is the temporal dead zone?\nA `let` or `const` variable is hoisted but "
            "not initialised: reading it throws a ReferenceError.\n\n"
            "## What is a closure?\nA function that keeps the variables of its scope.\n");
    auto rel = related_of(d, "hoisting");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "What is the temporal dead zone?"));
}

TEST_CASE("related: `this` was a stop word, so 'the this keyword' never came (arrow functions)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/functions.md",
            "## How do arrow functions differ from regular functions?\nAn arrow function has "
            "no own `this`: it takes `this` from the enclosing scope, and it cannot be called "
            "with `new`.\n\n"
            "## What is a closure?\nThis is a function bundled with its scope. This matters "
            "for callbacks.\n\n"
            "## What is currying?\nThis turns a function of many arguments into a chain.\n");
    std::string other; // the rest of the notes: prose without `this`
    for (int i = 0; i < 30; ++i)
        other += "## How is service " + std::to_string(i) + " deployed?\nWith a pipeline.\n\n";
    d.write("notes/other.md", other);
    d.write("notes/objects.md",
            "## What is the purpose of the this keyword?\n`this` is the object a function is "
            "called on.\n\n## What is a prototype?\nThis is the object others inherit from.\n");
    auto rel = related_of(d, "arrow functions this");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "What is the purpose of the this keyword?"));
}

TEST_CASE("related: never a shown hit, a copy of one, or one question twice", "[related]") {
    test::TempDir d;
    const std::string pod = "## What is a kubernetes pod?\nThe smallest unit kubernetes runs.\n\n";
    const std::string probe = "## What is a liveness probe in a pod?\nIt restarts a pod that "
                              "hangs.\n\n";
    d.write("notes/a.md", pod + probe + "## What is a pod sidecar?\nA helper container.\n");
    d.write("notes/b.md", pod + probe); // copies of the hit and of a related question
    auto rel = related_of(d, "what is a kubernetes pod");
    CAPTURE(listed(rel));
    REQUIRE_FALSE(rel.empty());
    CHECK_FALSE(offers(rel, "What is a kubernetes pod?"));
    CHECK(std::count_if(rel.begin(), rel.end(), [](const Related& r) {
              return r.question == "What is a liveness probe in a pod?";
          }) == 1);
}

TEST_CASE("related: Russian copies of an English note were offered (one reader, one script)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/probes.md",
            "## What is the difference between liveness and readiness probes?\nLiveness "
            "restarts a hung container; readiness takes it out of the service.\n\n"
            "## Чем отличаются liveness и readiness пробы?\nLiveness перезапускает зависший "
            "контейнер, readiness выводит его из сервиса.\n\n"
            "## What is a startup probe?\nIt holds the liveness checks until the app has "
            "started.\n\n"
            "## Как работает startup probe?\nОна откладывает проверки liveness до старта "
            "приложения.\n");
    auto rel = related_of(d, "liveness readiness probes");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "What is a startup probe?"));
    CHECK_FALSE(offers(rel, "Чем отличаются liveness и readiness пробы?"));
    CHECK_FALSE(offers(rel, "Как работает startup probe?"));
}

TEST_CASE("related: a question elsewhere with the hit's topic label needs no named word",
          "[related][regression]") {
    test::TempDir d;
    // "Kubernetes" is only a prose word of the hit; both carry the label.
    d.write("notes/workloads.md",
            "## What is a StatefulSet?\nA StatefulSet runs pods with stable names and storage "
            "in Kubernetes.\n");
    d.write("notes/intro.md",
            "## What is Kubernetes?\nKubernetes schedules pods, deployments and StatefulSets "
            "across nodes.\n");
    auto rel = related_labelled(d, "statefulset");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "What is Kubernetes?"));
}

TEST_CASE("related: a one-subject file's questions come before other topics' word matches",
          "[related][regression]") {
    test::TempDir d;
    // A short file about one subject: its questions are worth reading next
    // even when they share no word with the hit.
    d.write("notes/pooling.md",
            "## How do I configure connection pooling with pip packages?\nSet the pool size "
            "and the overflow on the engine.\n\n"
            "## Why are my sessions reset after an hour?\nThe server closes idle sockets; "
            "recycle them sooner.\n");
    std::string other; // questions of another topic (databases) naming the subject
    for (int i = 0; i < 8; ++i)
        other += "## What is a connection pool in database proxy " + std::to_string(i) +
                 "?\nThe proxy keeps a pool of database connections.\n\n";
    d.write("notes/sql/proxies.md", other);
    auto rel = related_labelled(d, "configure connection pooling pip");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "Why are my sessions reset after an hour?"));
}

TEST_CASE("related: the hit's own file is searched when the first matches are elsewhere",
          "[related][regression]") {
    test::TempDir d;
    std::string big = "## Why do kubernetes pods restart in a crash loop?\nThe container exits "
                      "and the kubelet restarts the pod.\n\n"
                      "## How long is the wait between pod restarts?\nIt doubles each time the "
                      "pod restarts.\n\n";
    for (int i = 0; i < 35; ++i) // a long file, not one subject
        big += "## What is widget " + std::to_string(i) + "?\nA widget.\n\n";
    d.write("notes/k8s.md", big);
    std::string other; // better word matches, in another folder
    for (int i = 0; i < 25; ++i)
        other += "## Why do kubernetes pods restart in a loop, case " + std::to_string(i) +
                 "?\nThe kubernetes pod restarts in a loop: the pod container exits, the "
                 "kubelet restarts the pod.\n\n";
    d.write("notes/cases/restarts.md", other);
    auto rel = related_of(d, "pods restart crash loop");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "How long is the wait between pod restarts?"));
}

TEST_CASE("related: 'live' streaming was offered for 'liveness' probes (one stem, two words)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/probes.md",
            "## What is the difference between liveness and readiness probes?\nA liveness probe "
            "restarts a hung container; a readiness probe takes it out of the load "
            "balancer.\n");
    d.write("notes/streaming.md",
            "## How would you handle live audio streaming?\nLive sessions go through a live "
            "media server; each live stream is cut into segments.\n\n"
            "## How does live streaming differ from video on demand?\nLive streams are not "
            "stored first.\n");
    d.write("notes/k8s.md", "## How does Kubernetes run liveness probes?\nThe kubelet calls "
                            "each liveness probe and restarts the container when it fails.\n");
    // The singular of a word of the hit's question is the same word.
    d.write("notes/health.md", "## What happens when a probe fails?\nThe kubelet restarts "
                               "the container after the liveness probe fails.\n");
    auto rel = related_of(d, "liveness readiness probe");
    CAPTURE(listed(rel));
    CHECK_FALSE(from_file(rel, "streaming.md"));
    CHECK(offers(rel, "How does Kubernetes run liveness probes?"));
    CHECK(offers(rel, "What happens when a probe fails?"));
}

TEST_CASE("related: copies of other questions filled the pool, so the list ran dry",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/pdb.md",
            "## What is a pod disruption budget for a drain?\n\n"
            "A pod disruption budget limits voluntary evictions during a node drain.\n");
    const std::string drain =
        "## How does kubectl drain evict pods?\n\nDrain cordons the node and evicts pods, "
        "honouring each pod disruption budget.\n\n"
        "## What is minAvailable in a disruption budget?\n\nThe number of pods a disruption "
        "budget keeps during evictions.\n\n"
        "## Why does a drain hang on a pod?\n\nA disruption budget that allows zero evictions "
        "blocks the drain.\n\n"
        "## What is maxUnavailable in a disruption budget?\n\nHow many pods the budget lets "
        "evictions take down at once.\n";
    for (int i = 0; i < 12; ++i) // a folder copied twelve times: each question has 12 copies
        d.write("notes/copy" + std::to_string(i) + "/drain.md", drain);
    auto rel = related_of(d, "pod disruption budget drain");
    CAPTURE(listed(rel));
    CHECK(rel.size() >= 4);
    CHECK(offers(rel, "What is minAvailable in a disruption budget?"));
    CHECK(offers(rel, "What is maxUnavailable in a disruption budget?"));
}

/// A subject term as subject_terms() makes it: "Z" + stem, weight, passages holding it.
static crib::detail::FeedbackTerm term(const std::string& stem, double weight,
                                       Xapian::doccount freq) {
    crib::detail::FeedbackTerm t;
    t.term = "Z" + stem;
    t.weight = weight;
    t.freq = freq;
    return t;
}

/// The terms searched_terms() keeps, by name.
static std::vector<std::string> kept(const std::vector<crib::detail::FeedbackTerm>& terms,
                                     Xapian::doccount docs) {
    std::vector<std::string> out;
    for (const crib::detail::FeedbackTerm* t : crib::detail::searched_terms(terms, docs))
        out.push_back(t->term);
    return out;
}

TEST_CASE("related: common subject terms were walked for nothing (600k passages, 'data')",
          "[related][speed]") {
    // Figures of a query on the generated 600,000-passage bench index: the
    // rare subject (in 110 passages) and words in a sixth of all passages.
    const std::vector<crib::detail::FeedbackTerm> terms = {
        term("staicrourairk", 45.2, 110), term("creat", 6.5, 23409), term("question", 3.6, 100437),
        term("instal", 2.1, 8549), term("meld", 3.0, 4)};
    // reach: 45.2 * ln(600000/110) = 389; creat 6.5 * ln(25.6) = 21 (5.4%);
    // question 3.6 * ln(6.0) = 6.4 (1.6%); instal 2.1 * 4.25 = 8.9 (2.3%):
    // all under a quarter of the heaviest.
    CHECK(kept(terms, 600000) == std::vector<std::string>{"Zstaicrourairk", "Zmeld"});
    // One of 1,000 passages or fewer is cheap to walk: every term stays.
    std::vector<crib::detail::FeedbackTerm> small = terms;
    for (auto& t : small)
        t.freq = std::min<Xapian::doccount>(t.freq, 1000);
    CHECK(kept(small, 600000).size() == terms.size());
    // ... and one in 1,001 is costly: left out when negligible (747fefc).
    CHECK(kept({term("rare", 10, 10), term("common", 0.5, 1001)}, 600000).size() == 1);
    // A common term that can still move a candidate a lot stays: 40 * ln(20)
    // = 120 against 10 * ln(60000) = 110; and one at 30% of the heaviest.
    CHECK(kept({term("rare", 10, 10), term("common", 40, 30000)}, 600000).size() == 2);
    CHECK(kept({term("rare", 10, 10), term("common", 11, 30000)}, 600000).size() == 2);
    CHECK(kept({term("rare", 10, 10), term("common", 8, 30000)}, 600000).size() == 1);
}

TEST_CASE("related: several indexes searched together offer what one of them offers", "[related]") {
    // The related questions of a hit do not depend on another index being
    // searched beside its own (ids then name their index: "1:...").
    test::TempDir one, two;
    const std::string pods = "## What is a kubernetes pod?\nThe smallest unit kubernetes runs.\n\n"
                             "## What is a pod sidecar?\nA helper container in the pod.\n\n"
                             "## How does a pod restart?\nBy its restart policy.\n";
    one.write("notes/pods.md", pods);
    two.write("notes/promises.md", "## What is a promise?\nA future value.\n");
    const std::string unrelated = test::index_notes(two);
    SearchRequest alone;
    alone.db = test::index_notes(one);
    alone.query = "kubernetes pod";
    alone.limit = 1;
    SearchRequest together = alone;
    together.db = IndexSet(std::vector<std::string>{alone.db.specs[0], unrelated});
    auto a = search(alone).related, b = search(together).related;
    CAPTURE(listed(a), listed(b));
    REQUIRE(a.size() >= 2);
    REQUIRE(b.size() >= 2);
    CHECK(offers(a, "What is a pod sidecar?"));
    CHECK(offers(b, "What is a pod sidecar?"));
    CHECK(b.front().id.rfind("1:", 0) == 0);
    CHECK(a.front().id.find(':') != std::string::npos);
}

TEST_CASE("review: subject terms carry how many passages hold them", "[related]") {
    // searched_terms() drops common terms by FeedbackTerm::freq; a
    // subject_terms() that left it 0 dropped none, and no test saw it.
    test::TempDir d;
    d.write("notes/k8s.md", "## What is a liveness probe?\n\nA liveness probe restarts a stuck "
                            "container.\n\n## What is a readiness probe?\n\nA readiness probe "
                            "holds traffic back from a container.\n");
    Xapian::Database db(test::index_notes(d));
    crib::Passage hit;
    hit.question = "What is a liveness probe?";
    hit.answer = "A liveness probe restarts a stuck container.";
    auto terms = crib::detail::subject_terms(db, {hit}, Xapian::Query("Zprobe"));
    REQUIRE_FALSE(terms.empty());
    for (const auto& t : terms) {
        INFO(t.term);
        CHECK(t.freq == db.get_termfreq(t.term));
        CHECK(t.freq > 0);
    }
}

TEST_CASE("related: a lone top hit from another folder decided the list (pass by reference)",
          "[related][regression]") {
    test::TempDir d;
    // The top hit is the only Python passage among JavaScript quiz answers;
    // its notebook's neighbours (one short file) are not what was asked.
    d.write("notes/python/basics.md",
            "## Does Python pass arguments by reference or by value?\nPython passes "
            "references to objects, by value: pass by reference vs value.\n\n"
            "## What is a list comprehension?\nA compact loop that builds a list.\n\n"
            "## What is a decorator?\nA function wrapping another function.\n");
    std::string quiz;
    for (int i = 1; i <= 4; ++i)
        quiz += "## " + std::to_string(i) + ". What's the output?\n```js\nchange(obj" +
                std::to_string(i) +
                ");\n```\nObjects are passed by reference, primitives by value.\n\n";
    quiz += "## How are two objects compared for equality?\nBy reference: two objects "
            "with the same properties are not equal.\n\n";
    d.write("notes/js/quiz.md", quiz);
    auto rel = related_of_page(d, "pass by reference vs value");
    CAPTURE(listed(rel));
    REQUIRE_FALSE(rel.empty());
    CHECK(rel.front().question == "How are two objects compared for equality?");
}

TEST_CASE("related: a note quoting a question taken was offered beside it (swap)",
          "[related][regression]") {
    test::TempDir d;
    d.write("notes/memory.md",
            "## Swap usage is too high: what do you check?\nLook at which processes use "
            "swap and how much memory is free.\n\n"
            "## What is swap and what is it used for?\nSwap is disk space the kernel uses "
            "when memory runs out.\n");
    // A description of the notes' format, citing a question as its example.
    d.write("notes/FORMAT.md",
            "## Question marker: a bullet \"* What is swap and what is it used for?\"\n"
            "Swap questions and memory questions are bullets; answers are bold.\n");
    auto rel = related_of(d, "swap usage too high");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "What is swap and what is it used for?"));
    CHECK(std::none_of(rel.begin(), rel.end(), [](const Related& r) {
        return r.question.find("Question marker") != std::string::npos;
    }));
}

TEST_CASE("related: 'Daemon sets' was not offered for a DaemonSet (one word, two words)",
          "[related][regression]") {
    test::TempDir d;
    std::string notes = "## When would you use a Deployment versus a DaemonSet?\nA DaemonSet "
                        "runs one pod on every node; a Deployment runs replicas of a pod.\n\n";
    for (int i = 0; i < 6; ++i) // questions sharing the hit's other words
        notes += "## How does a Deployment roll out pod replicas, case " + std::to_string(i) +
                 "?\nIt replaces the pods of each node one by one.\n\n";
    notes += "## What are Daemon sets?\nThey keep one copy of a program on each machine.\n";
    d.write("notes/workloads.md", notes);
    auto rel = related_of(d, "deployment versus daemonset");
    CAPTURE(listed(rel));
    CHECK(offers(rel, "What are Daemon sets?"));
}

TEST_CASE("related: five copies of one question filled the list (synced folders)",
          "[related][regression]") {
    // The same note file in five folders, each edited a little: the answers
    // differ, so the duplicate keys do, and the list was five copies of one
    // question (as on the real notes x20 for "kubernetes pod").
    test::TempDir d;
    for (std::string c : {"a", "b", "c", "d", "e"})
        d.write("notes/" + c + "/k8s.md",
                "## What is a pod in Kubernetes?\nThe smallest unit (" + c +
                    "): containers sharing a network namespace.\n\n"
                    "## What are pods used for in Kubernetes?\nRunning (" +
                    c +
                    ") one application instance with its sidecars.\n\n"
                    "## How does a deployment manage pods?\nIt keeps (" +
                    c + ") replicas of a pod template running.\n");
    auto rel = related_of_page(d, "smallest unit network namespace");
    CAPTURE(listed(rel));
    auto copies = [&rel](const std::string& q) {
        return std::count_if(rel.begin(), rel.end(),
                             [&q](const Related& r) { return r.question == q; });
    };
    CHECK(copies("What are pods used for in Kubernetes?") == 1);
    CHECK(copies("How does a deployment manage pods?") == 1);
    CHECK(copies("What is a pod in Kubernetes?") == 0); // the hits, in every folder
}
