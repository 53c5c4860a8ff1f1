// Raw flags -> one validated Invocation (mode, request, format, print options).
#include "index_fixture.hpp"
#include "invocation.hpp"

#include <catch2/catch.hpp>

using namespace crib;

namespace {
RawFlags words(std::vector<std::string> w) {
    RawFlags f;
    f.words = std::move(w);
    return f;
}
Surroundings pipe_env() {
    Surroundings env;
    env.default_db = "/default/db";
    return env;
}
Surroundings tty_env() {
    Surroundings env = pipe_env();
    env.tty = true;
    env.width = 100;
    env.term = "xterm";
    return env;
}
} // namespace

TEST_CASE("invocation: a query for people gets a page, snippets, facets and related",
          "[invocation]") {
    Invocation inv = make_invocation(words({"what", "is", "a", "pod"}), {}, tty_env());
    CHECK(inv.mode == Mode::search);
    CHECK(inv.format == Format::human);
    CHECK(inv.request.query == "what is a pod");
    CHECK(inv.request.db.specs == std::vector<std::string>{"/default/db"});
    CHECK(inv.request.limit == 10);
    CHECK((inv.request.snippets && inv.request.facets && inv.request.related));
    CHECK((inv.print.color && inv.print.width == 100 && inv.page));
    Invocation piped = make_invocation(words({"pod"}), {}, pipe_env());
    CHECK(piped.format == Format::plain);
    CHECK_FALSE((piped.print.color || piped.page || piped.print.width));
}

TEST_CASE("invocation: machine formats list every hit unless -n is given", "[invocation]") {
    RawFlags f = words({"docker"});
    f.format = "grep";
    Invocation grep = make_invocation(f, {}, pipe_env());
    CHECK(grep.request.limit == kNoLimit);
    CHECK_FALSE((grep.request.snippets || grep.request.facets || grep.request.related));
    f.limit = "3";
    CHECK(make_invocation(f, {}, pipe_env()).request.limit == 3);
    f.limit = "all";
    f.format = "";
    CHECK(make_invocation(f, {}, pipe_env()).request.limit == kNoLimit);
    RawFlags c = words({"docker"});
    c.count = true;
    c.files = true; // -c wins over -l
    Invocation count = make_invocation(c, {}, pipe_env());
    CHECK(count.format == Format::count);
    CHECK(count.request.limit == 0);
}

TEST_CASE("invocation: bad values and a missing query are usage errors", "[invocation]") {
    for (const char* bad : {"-1", "abc", "", "12345678901"}) {
        RawFlags f = words({"docker"});
        f.limit = bad;
        if (f.limit.empty()) continue; // "" means not given
        CHECK_THROWS_AS(make_invocation(f, {}, pipe_env()), UsageError);
    }
    CHECK_THROWS_AS(make_invocation(words({}), {}, pipe_env()), UsageError);
    RawFlags topic_only;
    topic_only.topics = {"kubernetes"};
    CHECK_NOTHROW(make_invocation(topic_only, {}, pipe_env()));
    RawFlags literal =
        words({" "}); // -F of blanks: nothing to find ("->" is checked in every passage)
    literal.literal = true;
    CHECK_THROWS_AS(make_invocation(literal, {}, pipe_env()), UsageError);
}

TEST_CASE("invocation: modes and what each computes", "[invocation]") {
    RawFlags show;
    show.show = "notes/a.md:3";
    show.format = "json";
    Invocation s = make_invocation(show, {}, tty_env());
    CHECK(s.mode == Mode::show);
    CHECK(s.id == "notes/a.md:3");
    CHECK_FALSE(s.page); // JSON is never paged
    RawFlags open = words({"statefulset"});
    open.open = true;
    Invocation o = make_invocation(open, {}, tty_env());
    CHECK(o.mode == Mode::open);
    CHECK_FALSE((o.request.snippets || o.request.related || o.page));
    RawFlags pick = words({"docker"});
    pick.interactive = true;
    pick.open = true; // -i wins
    Invocation i = make_invocation(pick, {}, tty_env());
    CHECK(i.mode == Mode::interactive);
    CHECK(i.request.limit == kNoLimit);
    RawFlags quiet = words({"docker"});
    quiet.quiet = true;
    Invocation q = make_invocation(quiet, {}, tty_env());
    CHECK((q.quiet && q.request.limit == 0 && !q.refresh_says));
    RawFlags topics;
    topics.list_topics = true;
    CHECK(make_invocation(topics, {}, pipe_env()).mode == Mode::topics);
}

TEST_CASE("invocation: config and environment defaults, flags win", "[invocation]") {
    Config cfg;
    cfg.db = "/cfg/db";
    cfg.limit = 4;
    cfg.color = "always";
    Invocation inv = make_invocation(words({"pod"}), cfg, pipe_env());
    CHECK(inv.request.db.specs == std::vector<std::string>{"/cfg/db"});
    CHECK(inv.request.limit == 4);
    CHECK(inv.format == Format::human); // colour asked for into a pipe: the human format
    CHECK(inv.print.color);
    RawFlags f = words({"pod"});
    f.dbs = {"/flag/db"};
    f.color = "never";
    f.limit = "2";
    Invocation flags = make_invocation(f, cfg, tty_env());
    CHECK(flags.request.db.specs == std::vector<std::string>{"/flag/db"});
    CHECK(flags.request.limit == 2);
    CHECK_FALSE(flags.print.color);
    Surroundings no_color = tty_env();
    no_color.no_color = "1";
    CHECK_FALSE(make_invocation(words({"pod"}), {}, no_color).print.color);
    Surroundings dumb = tty_env();
    dumb.term = "dumb";
    CHECK_FALSE(make_invocation(words({"pod"}), {}, dumb).print.color);
}

TEST_CASE("invocation: -F searches the phrase's words and filters on the text", "[invocation]") {
    RawFlags f = words({"ls", "-l"});
    f.literal = true;
    Invocation inv = make_invocation(f, {}, pipe_env());
    CHECK(inv.request.query == "ls"); // "l" may be cut: "ls -la" holds "ls -l"
    REQUIRE(inv.request.keep);
    Passage p;
    p.answer = "run ls -l here";
    CHECK(inv.request.keep(p));
    p.answer = "ls and l";
    CHECK_FALSE(inv.request.keep(p));
}

TEST_CASE("invocation: the query reported was crib's rewriting of it under -F and --unanswered",
          "[invocation][regression]") {
    // crib -F zzzqqq said 'no matches for "zzzqqq*"', and JSON `query` (the
    // query as given) was "zzzqqq*", "ls" for -F ls -l, "rolling AND updat*"
    // for -F rolling updat, "kind:question" for --unanswered alone.
    auto reported = [](RawFlags f) {
        Surroundings env = pipe_env();
        env.default_db = content_db();
        return search(make_invocation(f, {}, env).request).query;
    };
    for (const auto& w : std::vector<std::vector<std::string>>{
             {"zzzqqq"}, {"ls", "-l"}, {"rolling", "updat"}, {"2>&1"}}) {
        RawFlags f = words(w);
        f.literal = true;
        std::string typed = w[0] + (w.size() > 1 ? " " + w[1] : "");
        CHECK(reported(f) == typed);
        f.literal = false;
        f.whole_word = true;
        CHECK(reported(f) == typed);
    }
    RawFlags all;
    all.unanswered = true;
    CHECK(reported(all).empty());
    RawFlags some = words({"docker"});
    some.unanswered = true;
    CHECK(reported(some) == "docker");
}

TEST_CASE("resolve_db: --db as given else the config db and dbs else the default", "[invocation]") {
    crib::Config cfg;
    CHECK(crib::resolve_db({}, cfg, "/def").specs == std::vector<std::string>{"/def"});
    cfg.db = "/main";
    cfg.dbs = {"/work", "tcp://h:1"};
    CHECK(crib::resolve_db({}, cfg, "/def").specs ==
          std::vector<std::string>{"/main", "/work", "tcp://h:1"});
    CHECK(crib::resolve_db({"/a", "/b"}, cfg, "/def").specs ==
          std::vector<std::string>{"/a", "/b"});
    cfg.db.clear();
    CHECK(crib::resolve_db({}, cfg, "/def").specs ==
          std::vector<std::string>{"/def", "/work", "tcp://h:1"});
}

TEST_CASE("an index named twice was searched twice, every passage counted twice",
          "[invocation][regression]") {
    crib::Config cfg;
    CHECK(crib::resolve_db({"/a", "/a/", "/b", "/a/../a"}, cfg, "/def").specs ==
          std::vector<std::string>{"/a", "/b"});
    cfg.db = "/main";
    cfg.dbs = {"/main", "tcp://h:1", "tcp://h:1", "tcp://h:2"};
    CHECK(crib::resolve_db({}, cfg, "/def").specs ==
          std::vector<std::string>{"/main", "tcp://h:1", "tcp://h:2"});
}

TEST_CASE(
    "want_color: always and never win and auto needs a terminal without NO_COLOR or TERM=dumb",
    "[invocation]") {
    crib::Surroundings env;
    env.tty = true;
    CHECK(crib::want_color("auto", env));
    CHECK_FALSE(crib::want_color("never", env));
    env.no_color = "1";
    CHECK_FALSE(crib::want_color("auto", env));
    CHECK(crib::want_color("always", env));
    env.no_color.clear();
    env.term = "dumb";
    CHECK_FALSE(crib::want_color("auto", env));
    env.term = "xterm";
    env.tty = false;
    CHECK_FALSE(crib::want_color("auto", env));
}

TEST_CASE("invocation: jsonl computed related questions and topic counts it never prints",
          "[invocation][regression]") {
    // jsonl prints each hit and nothing else: the related step (2-4 ms a
    // query, and an AND_NOT over every hit of -n all) and the facets were waste.
    RawFlags f = words({"docker"});
    f.format = "jsonl";
    Invocation jsonl = make_invocation(f, {}, pipe_env());
    CHECK(jsonl.request.snippets);
    CHECK_FALSE((jsonl.request.related || jsonl.request.facets || jsonl.request.nearly));
    f.format = "json"; // the JSON page prints both
    Invocation json = make_invocation(f, {}, pipe_env());
    CHECK((json.request.related && json.request.facets));
}
