// Shared test helpers: parse inline text, find passages, temporary dirs.
#pragma once

#include "formats/notes_parser.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace test {

inline std::vector<crib::Passage> parse(const std::string& text, const std::string& name = "notes.md") {
    return crib::parse_notes(text, name).passages;
}

/// "line:kind:question" for each passage, the form expectations are written in.
inline std::vector<std::string> summary(const std::vector<crib::Passage>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(std::to_string(p.line) + ":" + p.kind + ":" + p.question);
    return out;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// A fresh temporary directory, removed when the object dies.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char tmpl[] = "/tmp/crib-test-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string str() const { return path.string(); }
    void write(const std::string& rel, const std::string& text) const {
        auto p = path / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    }
};

} // namespace test
