// Reading crib gaps' job description: bounded, and never a folder, a device
// or a binary (issue 27.2: /dev/zero read until memory ran out).
#include "helpers.hpp"
#include "prep/gaps_input.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace crib;

TEST_CASE("job description: standard input is read up to the limit and no further", "[gaps]") {
    std::istringstream ok("- Kubernetes\n- Terraform\n");
    JobInput a;
    REQUIRE(read_job_description("-", ok, a, 64));
    CHECK(a.text == "- Kubernetes\n- Terraform\n");

    std::istringstream exact(std::string(64, 'k'));
    JobInput b;
    CHECK(read_job_description("-", exact, b, 64)); // exactly the limit is read

    std::istringstream big(std::string(65, 'k'));
    JobInput c;
    CHECK_FALSE(read_job_description("-", big, c, 64));
    CHECK(c.why.find("larger than 64 bytes") == 0);
}

TEST_CASE("job description: binary bytes, folders and devices are refused", "[gaps]") {
    std::istringstream zeros(std::string(4096, '\0'));
    JobInput a;
    CHECK_FALSE(read_job_description("-", zeros, a));
    CHECK(a.why == "not text (binary file)");

    std::istringstream none;
    JobInput b;
    CHECK_FALSE(read_job_description(std::filesystem::temp_directory_path().string(), none, b));
    CHECK(b.why.find("a folder") == 0);

    JobInput c;
    CHECK_FALSE(read_job_description("/dev/zero", none, c));
    CHECK(c.why == "not a regular file (character device)");

    JobInput d;
    CHECK_FALSE(read_job_description("/nonexistent/job.txt", none, d));
    CHECK(d.why == "No such file or directory");
}

TEST_CASE("job description: a file over the limit is refused, one at it is read", "[gaps]") {
    test::TempDir d; // a folder of its own: the plain and ASan suites run at once
    d.write("job.txt", std::string(100, 'a'));
    auto path = d.path / "job.txt";
    std::istringstream none;
    JobInput a, b;
    CHECK(read_job_description(path.string(), none, a, 100));
    CHECK_FALSE(read_job_description(path.string(), none, b, 99));
    CHECK(b.why.find("larger than") == 0);
}

TEST_CASE("job description: pasted HTML was judged as tags ('<b>Kubernetes</b>' missing)",
          "[gaps][regression]") {
    // A new user's finding: "class=\"req\"><ul><li>5+" and "Redis</p>" were
    // missing skills and Kubernetes was in "study next".
    std::istringstream in("<html><body><h1>Senior DevOps Engineer</h1>\n<div class=\"req\"><ul>"
                          "<li>5+ years with <b>Kubernetes</b> and Docker</li><li>Terraform "
                          "&amp; AWS</li></ul></div>\n<p>Nice to have: Kafka,\nRedis</p>\n");
    JobInput job;
    REQUIRE(read_job_description("-", in, job));
    CHECK(job.html);
    CHECK(job.text == "Senior DevOps Engineer\n- 5+ years with Kubernetes and Docker\n"
                      "- Terraform & AWS\nNice to have: Kafka, Redis\n");
    std::istringstream plain("Requirements:\n- Kubernetes (<3 years is fine)\n- a <b> tag\n");
    JobInput text;
    REQUIRE(read_job_description("-", plain, text));
    CHECK_FALSE(text.html);
    CHECK(text.text == "Requirements:\n- Kubernetes (<3 years is fine)\n- a <b> tag\n");
}

TEST_CASE("job description: a '>' inside an HTML attribute ended the tag", "[gaps][regression]") {
    // '<li title="5 > 3">' left '3">' in the text as a word of the posting.
    std::istringstream in("<ul><li title=\"years > 3\">Kubernetes</li>"
                          "<li data-x = 'a>b'>Go</li></ul><p>Kafka</p>\n");
    JobInput job;
    REQUIRE(read_job_description("-", in, job));
    CHECK(job.html);
    CHECK(job.text == "- Kubernetes\n- Go\nKafka\n");
}

TEST_CASE("mutant: open tags alone are no HTML (a posting naming the b p and li tags)",
          "[gaps][mutants]") {
    // looks_like_html() wants a closing tag among the three.
    std::istringstream in("Requirements:\n- you know <b>, <p> and <li> by heart\n");
    JobInput job;
    REQUIRE(read_job_description("-", in, job));
    CHECK_FALSE(job.html);
    CHECK(job.text == "Requirements:\n- you know <b>, <p> and <li> by heart\n");
}
