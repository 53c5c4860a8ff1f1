// crib gaps: splitting a job description into requirements, and judging a
// requirement the notes cover against one they do not.
#include "prep/gaps.hpp"
#include "index_fixture.hpp"

using namespace crib;

namespace {

std::vector<std::string> texts(const std::vector<RequirementLine>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs)
        out.push_back(std::to_string(r.line) + ":" + r.text);
    return out;
}

} // namespace

TEST_CASE("requirements: bullets and sentences of the requirement sections only", "[gaps]") {
    std::string jd = "About us\n"
                     "We are a friendly startup building Kubernetes tooling.\n"
                     "\n"
                     "Responsibilities:\n"
                     "- Run Kubernetes clusters in production\n"
                     "* Write Terraform modules\n"
                     "\n"
                     "## Requirements\n"
                     "1. Five years of Python. Good Go is a plus.\n"
                     "Deep knowledge of Linux networking. Familiarity with eBPF (e.g. Cilium).\n"
                     "This is a remote position.\n"
                     "\n"
                     "Benefits\n"
                     "- Free Kubernetes conference tickets\n";
    CHECK(texts(split_requirements(jd)) == std::vector<std::string>{
                                               "5:Run Kubernetes clusters in production",
                                               "6:Write Terraform modules",
                                               "9:Five years of Python. Good Go is a plus.",
                                               "10:Deep knowledge of Linux networking.",
                                               "10:Familiarity with eBPF (e.g. Cilium).",
                                           });
}

TEST_CASE("requirements: without sections, every line counts, a Label: line stays whole",
          "[gaps]") {
    std::string jd = "Monitoring: Run Prometheus. Page on SLO burn.\n"
                     "Own the CI pipeline. Keep builds fast.\n";
    CHECK(texts(split_requirements(jd)) ==
          std::vector<std::string>{"1:Monitoring: Run Prometheus. Page on SLO burn.",
                                   "2:Own the CI pipeline.", "2:Keep builds fast."});
}

TEST_CASE("key terms drop function words and job advert filler, one per stem", "[gaps]") {
    CHECK(key_terms("Strong experience with CI/CD tools such as Jenkins and Jenkins pipelines") ==
          std::vector<std::string>{"ci", "cd", "jenkins", "pipelines"});
    CHECK(key_terms("This is a remote position.").empty());
}

TEST_CASE("a requirement the notes cover and one they do not", "[gaps]") {
    test::TempDir d;
    d.write("notes/docker.md", "# Docker\n\n"
                               "## What is a Docker image?\n\nLayers of a container filesystem, "
                               "built from a Dockerfile.\n\n"
                               "## How do containers differ from VMs?\n\nContainers share the "
                               "host kernel; images are small.\n");
    d.write("notes/aws.md", "# AWS\n\n## What is S3?\n\nObject storage in buckets.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, "Requirements\n"
                            "- Docker images, containers and Dockerfile layers\n"
                            "- Haskell type classes and monad transformers\n");
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].covered);
    CHECK(rs[0].coverage >= kCoveredShare);
    REQUIRE_FALSE(rs[0].best.empty());
    CHECK(rs[0].best[0].id.find("docker.md") != std::string::npos);
    CHECK(rs[0].missing.empty());
    CHECK_FALSE(rs[1].covered);
    CHECK(rs[1].coverage < kCoveredShare);
    CHECK(rs[1].missing ==
          std::vector<std::string>{"haskell", "type", "classes", "monad", "transformers"});
}

TEST_CASE("the job description pasted into the notes does not cover itself", "[gaps]") {
    test::TempDir d;
    std::string jd = "Requirements\n"
                     "- Operate Cassandra clusters with hinted handoff and read repair\n"
                     "- Tune Kafka consumers for exactly once delivery\n";
    d.write("notes/job.txt", "Job Description\n" + jd);
    d.write("notes/kafka.md", "## How does Kafka give exactly once delivery?\n\n"
                              "Idempotent producers and transactions; consumers read committed.\n");
    std::string db = test::index_notes(d);
    auto rs = find_gaps(db, jd);
    REQUIRE(rs.size() == 2);
    CHECK_FALSE(rs[0].covered); // only the pasted job description mentions Cassandra
    for (const auto& b : rs[0].best)
        CHECK(b.id.find("job.txt") == std::string::npos);
    CHECK(rs[1].covered);
}
