#include "common/paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace crib {

static std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : std::string();
}

static std::string home() {
    std::string h = env("HOME");
    return h.empty() ? std::string(".") : h;
}

std::string default_db_path() {
    std::string db = env("CRIB_DB");
    if (!db.empty()) return db;
    std::string data = env("XDG_DATA_HOME");
    if (data.empty()) data = home() + "/.local/share";
    return data + "/crib/index";
}

std::string default_reviews_path() {
    std::string data = env("XDG_DATA_HOME");
    if (data.empty()) data = home() + "/.local/share";
    return data + "/crib/reviews.sqlite";
}

std::string config_dir() {
    std::string c = env("XDG_CONFIG_HOME");
    if (c.empty()) c = home() + "/.config";
    return c + "/crib";
}

static bool readable(const std::string& p) {
    return !p.empty() && ::access(p.c_str(), R_OK) == 0;
}

std::string find_data_file(const std::string& name, const char* env_var) {
    if (env_var) {
        std::string e = env(env_var);
        if (!e.empty()) return e; // explicit: reported as an error later if unreadable
    }
    for (std::string p : {config_dir() + "/" + name, std::string(CRIB_SOURCE_CONTENT) + "/" + name,
                          std::string(CRIB_INSTALL_DATADIR) + "/crib/" + name})
        if (readable(p)) return p;
    return {};
}

std::string real_path(const std::string& path) {
    std::error_code ec;
    std::string p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec)
                        .lexically_normal()
                        .string();
    if (ec || p.empty()) p = path;
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    return p;
}

bool is_xapian_database(const std::string& dir) {
    for (const char* stamp : {"/iamglass", "/iamchert", "/iamhoney"})
        if (::access((dir + stamp).c_str(), F_OK) == 0) return true;
    return false;
}

} // namespace crib
