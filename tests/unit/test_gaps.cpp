// crib gaps: which lines of a posting are requirements, which skills a line
// names, and when the notes cover a skill (issue 24 items 1-3).
#include "gaps_helpers.hpp"
#include "index_fixture.hpp"
#include "prep/gaps.hpp"

#include <algorithm>

using namespace crib;
using test::at_line;
using test::names;

namespace {

/// "line:skip reason" for each line of a posting ("5:" when judged).
std::vector<std::string> reasons(const std::string& text) {
    std::vector<std::string> out;
    for (const PostingLine& l : read_posting(text))
        out.push_back(std::to_string(l.line) + ":" + l.skip);
    return out;
}

} // namespace

TEST_CASE("posting lines: title headings company text benefits and degrees are skipped", "[gaps]") {
    std::string jd = "Site Reliability Engineer\n"                    // 1 title
                     "About Acme\n"                                   // 2 heading
                     "Acme is the leading platform for widgets.\n"    // 3 company
                     "What you'll do\n"                               // 4 heading
                     "- Run Kubernetes clusters in production\n"      // 5
                     "- Bachelor's degree in Computer Science\n"      // 6 degree
                     "- AWS certification required\n"                 // 7 certification
                     "- Health insurance and 25 days paid vacation\n" // 8 benefits
                     "- Work remotely within European time zones\n"   // 9 where/when
                     "Acme is an equal opportunity employer.\n"       // 10 EEO
                     "Benefits\n"                                     // 11 heading
                     "- Free Kubernetes conference tickets\n";        // 12 company
    CHECK(reasons(jd) == std::vector<std::string>{
                             "1:title", "2:heading", "3:company text", "4:heading",
                             "5:", "6:degree", "7:certification", "8:benefits", "9:where and when",
                             "10:equal opportunity", "11:heading", "12:company text"});
}

TEST_CASE("posting lines: notes with a posting pasted in them are read as notes", "[gaps]") {
    std::string text = "1. What is a DaemonSet?\n"
                       "A DaemonSet runs one pod per node.\n"
                       "Example:\n"
                       "Run kubectl get ds to list them.\n"
                       "Requirements\n"
                       "- Experience with Kubernetes DaemonSets\n";
    CHECK(reasons(text) == std::vector<std::string>{"1:question", "2:notes, not requirements",
                                                    "3:heading", "4:notes, not requirements",
                                                    "5:heading", "6:"});
}

TEST_CASE("skills: alternatives split names kept whole filler and roles dropped", "[gaps]") {
    CHECK(names("Experience with AWS, GCP or Azure") ==
          std::vector<std::string>{"AWS", "GCP", "Azure"});
    CHECK(names("Own our Terraform code for AWS: VPCs, IAM, RDS, S3 and remote state") ==
          std::vector<std::string>{"Terraform code", "AWS", "VPCs", "IAM", "RDS", "S3",
                                   "remote state"});
    CHECK(names("Git version control, GitHub or GitLab") ==
          std::vector<std::string>{"Git", "GitHub", "GitLab"});
    CHECK(names("Databases such as PostgreSQL, MySQL and Node.js with RHEL/CentOS and CI/CD") ==
          std::vector<std::string>{"Databases", "PostgreSQL", "MySQL", "Node.js", "RHEL", "CentOS",
                                   "CI/CD"});
    CHECK(names("Participate in a weekly on call rotation") == std::vector<std::string>{"on-call"});
    CHECK(names("At least 7 years of experience as a Linux system administrator").empty());
    CHECK(names("Strong verbal and written communication skills").empty());
    CHECK(names("Execute other projects from the Team Lead as needed").empty());
    CHECK(names("Experience with chaos engineering and failure mode analysis") ==
          std::vector<std::string>{"chaos", "failure"}); // trimmed to the field's words
}

TEST_CASE("skills: a list of names is not title case", "[gaps]") {
    // Regression: "Experience with the Kubernetes ecosystem including Helm"
    // was read as title case (most words capitalised), and its names lost.
    CHECK(names("Experience with the Kubernetes ecosystem including Helm.") ==
          std::vector<std::string>{"Kubernetes", "Helm"});
    CHECK(names("Automate provisioning with Terraform, Ansible, Chef, Puppet, etc.") ==
          std::vector<std::string>{"provisioning", "Terraform", "Ansible", "Chef", "Puppet"});
    // A line that capitalises its filler does: "Strong" and "With" say nothing.
    CHECK(names("Strong Experience With Distributed Tracing") ==
          std::vector<std::string>{"Distributed Tracing"});
}

TEST_CASE("gaps: a skill is covered by a passage about it not by a mention", "[gaps]") {
    test::TempDir d;
    d.write("notes/k8s.md",
            "# Kubernetes\n\n"
            "## What is Helm?\n\nA package manager for Kubernetes charts.\n\n"
            "## How do you run a DaemonSet?\n\nOne pod per node; Prometheus "
            "node exporters run this way; Prometheus scrapes them.\n"); // twice: a mention
    d.write("notes/io.md", "## Why is disk IO slow?\n\nIO waits show in iostat.\n");
    d.write("notes/links.md", "# Tools\n\n## Infrastructure\n\n- Terraform\n- Pulumi\n\n"
                              "See https://github.com/hashicorp/terraform and "
                              "[docs](https://terraform.io/terraform).\n\n"
                              "## Databases\n\nPostgreSQL is relational. PostgreSQL has MVCC. "
                              "PostgreSQL vacuums dead rows.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n"
                            "- Helm and Kubernetes\n" // 2 covered: questions
                            "- Terraform\n"           // 3 missing: a bare list, links
                            "- Prometheus and Helm\n" // 4 partial: a mention only
                            "- iOS development\n"     // 5 missing: not "IO"
                            "- PostgreSQL\n"          // 6 covered: said 3 times
                            "- Deep knowledge of Haskell type-level programming\n"); // 7
    CHECK(verdict_name(at_line(rs, 2).verdict) == std::string("covered"));
    CHECK(at_line(rs, 2).skills[0].evidence.best->id.find("k8s.md") != std::string::npos);
    CHECK(verdict_name(at_line(rs, 3).verdict) == std::string("missing"));
    CHECK(verdict_name(at_line(rs, 4).verdict) == std::string("partial"));
    CHECK(at_line(rs, 4).missing() == std::vector<std::string>{"Prometheus"});
    CHECK(verdict_name(at_line(rs, 5).verdict) == std::string("missing"));
    CHECK(verdict_name(at_line(rs, 6).verdict) == std::string("covered"));
    const Requirement& haskell = at_line(rs, 7);
    CHECK(haskell.verdict != Verdict::covered);
    auto m = haskell.missing();
    CHECK(std::find(m.begin(), m.end(), "Haskell") != m.end());
    std::vector<StudyItem> next = study_next(rs);
    REQUIRE_FALSE(next.empty());
}

TEST_CASE("gaps: study next puts the skill asked most often first", "[gaps]") {
    test::TempDir d;
    d.write("notes/a.md", "## What is Docker?\n\nContainers.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n- Docker and Nomad\n- Consul\n- Nomad\n");
    std::vector<StudyItem> next = study_next(rs);
    REQUIRE(next.size() == 2);
    CHECK(next[0].name == "Nomad");
    CHECK(next[0].lines == std::vector<int>{2, 4});
    CHECK(next[1].name == "Consul");
}

TEST_CASE("gaps: the posting pasted into the notes does not cover itself", "[gaps]") {
    test::TempDir d;
    std::string jd = "Requirements\n"
                     "- Operate Cassandra clusters with hinted handoff and read repair\n"
                     "- Tune Kafka consumers for exactly once delivery\n";
    d.write("notes/job.txt", "Job Description\n" + jd + "Cassandra Cassandra Cassandra\n");
    d.write("notes/kafka.md", "## How does Kafka give exactly once delivery?\n\n"
                              "Idempotent producers and transactions; consumers read committed.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, jd);
    const Requirement& cassandra = at_line(rs, 2);
    CHECK(cassandra.verdict != Verdict::covered); // only the pasted posting mentions it
    CHECK(at_line(rs, 3).skills.front().evidence.covered);
}

TEST_CASE("skills: a role after as a ends with its words", "[gaps]") {
    // Regression: "As a member of a team of Participate in a 24x7 on-call
    // rotation" lost on-call to the role clause, which ran to the full stop.
    CHECK(names("As a member of a team of Participate in a 24x7 on-call rotation.") ==
          std::vector<std::string>{"on-call"});
    CHECK(names("3+ years as a production SRE and/or DevOps Engineer").empty());
}

TEST_CASE("gaps: the company's own names are no skills", "[gaps]") {
    test::TempDir d;
    d.write("notes/docker.md", "## What is Docker?\n\nContainers from images.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Platform Engineer\n"
                            "Acme Cloud\n"
                            "Acme Cloud is the leading platform for widgets.\n"
                            "Requirements\n"
                            "- Run Docker on the Acme Cloud platform\n"
                            "- Terraform and Docker\n");
    CHECK(at_line(rs, 5).verdict == Verdict::covered);
    CHECK(at_line(rs, 6).missing() == std::vector<std::string>{"Terraform"});
}

TEST_CASE("gaps: a phrase of common words is covered when each word has passages of its own",
          "[gaps]") {
    test::TempDir d;
    d.write("notes/linux.md", "## What is a package manager?\n\napt, dnf.\n\n"
                              "## How are security updates applied?\n\nunattended-upgrades.\n\n"
                              "## What is RAID storage?\n\nDisks in arrays.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n- package updates\n- storage subsystems\n");
    CHECK(at_line(rs, 2).verdict == Verdict::covered);
    CHECK(at_line(rs, 3).verdict == Verdict::missing); // "subsystems": no passage of its own
}

TEST_CASE("posting lines: a question bullet under Requirements does not silence its section",
          "[gaps]") {
    // Regression (review of issue 24): "- Have you run Kafka in production?"
    // turned the bullets after it into "notes, not requirements".
    CHECK(reasons("Requirements\n- Have you run Kafka in production?\n- Terraform\n") ==
          std::vector<std::string>{"1:heading", "2:", "3:"});
}

TEST_CASE("posting lines: skip words inside Requirements only when they are strong", "[gaps]") {
    // Regression: "hybrid cloud" was "where and when", "@angular/core" and
    // "Resume interrupted uploads" "hiring process", "HTTP 401" "benefits".
    CHECK(reasons("Requirements\n- hybrid cloud\n- @angular/core\n- HTTP 401 and 403 handling\n"
                  "- Office add-ins\n- Health insurance and 25 days paid vacation\n") ==
          std::vector<std::string>{"1:heading", "2:", "3:", "4:", "5:", "6:benefits"});
    // Outside a requirement section the weak ones still skip.
    CHECK(reasons("Backend Engineer\nYou will work from our hybrid office in central Paris.\n") ==
          std::vector<std::string>{"1:title", "2:where and when"});
}

TEST_CASE("posting lines: one requirement alone and short items are not titles or headings",
          "[gaps]") {
    // Regression: the first line was always the title, and short unbulleted
    // lines always headings, so these gave "no requirements".
    CHECK(reasons("Experience with Kubernetes, Terraform and AWS\n") ==
          std::vector<std::string>{"1:"});
    CHECK(
        reasons("Requirements\nKubernetes and Helm\nTerraform, Ansible\nNice to have\nPython\n") ==
        std::vector<std::string>{"1:heading", "2:", "3:", "4:heading", "5:"});
}

TEST_CASE("skills: a first word is a name unless a verb or a word of the field", "[gaps]") {
    // Regression: "Ansible playbooks" named no skill (a capital at the start
    // counted only for a word standing alone).
    CHECK(names("Ansible playbooks") == std::vector<std::string>{"Ansible"});
    CHECK(skill_names("Ansible playbooks").front().maybe);
    CHECK_FALSE(skill_names("Terraform").front().maybe);
    CHECK(names("Automate provisioning") == std::vector<std::string>{"provisioning"});
    CHECK(names("Networking and DNS") == std::vector<std::string>{"Networking", "DNS"});
}

TEST_CASE("gaps: a plural name is covered by its singular and a doubtful first word is dropped",
          "[gaps]") {
    test::TempDir d;
    d.write("notes/aws.md", "## What is a VPC?\n\nA private network.\n\n"
                            "## What is Ansible?\n\nConfiguration management.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n- VPCs and subnets\n- Ansible playbooks\n"
                            "- Filling in for IT when needed\n");
    CHECK(at_line(rs, 2).skills.front().evidence.covered); // VPCs -> VPC
    CHECK(at_line(rs, 3).verdict == Verdict::covered);
    CHECK(at_line(rs, 4).verdict == Verdict::skip); // "Filling": not known, not missing
}

TEST_CASE("skills: full-width and typographic punctuation cut like commas", "[gaps]") {
    // Regression (review of issue 24): 、，— never cut, so "Kubernetes、Docker、
    // Terraform" was one missing skill.
    CHECK(names("Kubernetes\xE3\x80\x81"
                "Docker\xE3\x80\x81"
                "Terraform") == std::vector<std::string>{"Kubernetes", "Docker", "Terraform"});
    CHECK(names("Linux\xEF\xBC\x8C"
                "Shell\xEF\xBC\x8C"
                "Python") == std::vector<std::string>{"Linux", "Shell", "Python"});
    CHECK(names("Kubernetes \xE2\x80\x94 Docker") ==
          std::vector<std::string>{"Kubernetes", "Docker"});
}

TEST_CASE("gaps: C++ was covered by LC_ALL=C and .NET by /proc/sys/net (signs of a name kept)",
          "[gaps]") {
    test::TempDir d;
    d.write("notes/linux.md", "## What does LC_ALL=C do?\n\nSorts bytes as C does, C C C.\n\n"
                              "## What is /proc/sys/net?\n\nKernel net settings: net net net.\n");
    d.write("notes/lang.md", "## How does C++ manage memory?\n\nRAII and destructors.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n- Strong C++ and C# skills\n- Experience with .NET\n");
    const Requirement& langs = at_line(rs, 2);
    REQUIRE(langs.skills.size() == 2);
    CHECK(langs.skills[0].name == "C++");
    CHECK(langs.skills[0].evidence.covered); // "How does C++ manage memory?"
    CHECK(langs.skills[1].name == "C#");
    CHECK_FALSE(langs.skills[1].evidence.covered);
    CHECK(at_line(rs, 3).verdict == Verdict::missing); // .NET
}

TEST_CASE("gaps: three-word list items that only name a thing do not cover it (bare list)",
          "[gaps]") {
    test::TempDir d;
    d.write("notes/tools.md", "## Tools I have seen\n\n- Apache Kafka Streams\n"
                              "- Apache Kafka Connect\n- Apache Kafka clusters\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n- Experience with Kafka\n");
    REQUIRE_FALSE(at_line(rs, 2).skills.empty());
    CHECK_FALSE(at_line(rs, 2).skills.front().evidence.covered); // three mentions, all bare items
}
